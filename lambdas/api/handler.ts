// Placeholder until the API adapter lands.
export const handler = async () => ({ statusCode: 503, body: '' });
