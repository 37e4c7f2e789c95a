/** The emulators' front door: which requests count as a browser page's, and the error shapes it answers with. */
import { describe, expect, it } from 'vitest';
import { errorResponse, fromBrowserPage, isLoopbackHost, routablePath } from '../../../infra/local/emulatorFront.js';

describe('fromBrowserPage', () => {
  it('recognises preflights, Origin and cross-site fetches, not SDK calls or a typed-in URL', () => {
    expect(fromBrowserPage('OPTIONS', {})).toBe(true);
    expect(fromBrowserPage('POST', { origin: 'https://evil.example' })).toBe(true);
    expect(fromBrowserPage('POST', { origin: 'null' })).toBe(true);
    expect(fromBrowserPage('GET', { 'sec-fetch-site': 'cross-site' })).toBe(true);
    expect(fromBrowserPage('GET', { 'sec-fetch-site': 'same-site' })).toBe(true);
    expect(fromBrowserPage('GET', { 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate' })).toBe(false);
    expect(fromBrowserPage('PUT', { 'user-agent': 'aws-sdk-js/3', 'sec-fetch-mode': 'cors' })).toBe(false);
  });

  it('takes only this machine as the Host', () => {
    expect(['127.0.0.1:4569', 'localhost:4570', '[::1]:4569', 'LOCALHOST'].every(isLoopbackHost)).toBe(true);
    expect(['evil.example:4569', '127.0.0.1.evil.example', '10.0.0.1:4569', undefined].some(isLoopbackHost)).toBe(false);
  });
});

describe('errorResponse', () => {
  it('speaks S3 XML and DynamoDB JSON, with AWS\'s codes', () => {
    const s3 = errorResponse('s3', 'mismatch', 'The request signature we calculated does not match <yours>');
    expect(s3).toMatchObject({ status: 403, type: 'application/xml' });
    expect(s3.body).toMatch(/<Error><Code>SignatureDoesNotMatch<\/Code><Message>The request signature we calculated does not match &#60;yours&#62;<\/Message>/);
    expect(errorResponse('s3', 'missing', '').body).toContain('<Code>AccessDenied</Code>');
    expect(errorResponse('s3', 'unknownKey', '').status).toBe(403);
    const ddb = errorResponse('dynamodb', 'unknownKey', '');
    expect(ddb.status).toBe(403);
    expect(JSON.parse(ddb.body)).toEqual({ __type: 'com.amazon.coral.service#UnrecognizedClientException', message: 'The security token included in the request is invalid.' });
    expect(JSON.parse(errorResponse('dynamodb', 'mismatch', 'bad').body).__type).toBe('com.amazon.coral.service#InvalidSignatureException');
    // unsigned and wrongly signed requests get 403 on both emulators
    for (const refusal of ['missing', 'unknownKey', 'mismatch', 'expired'] as const) expect(errorResponse('dynamodb', refusal, '').status, refusal).toBe(403);
  });
});

describe('routablePath', () => {
  it('keeps ordinary paths and encodes the slashes of empty key segments', () => {
    expect(routablePath('/sift-drop/incoming/a%20b.txt')).toBe('/sift-drop/incoming/a%20b.txt');
    expect(routablePath('/sift-drop')).toBe('/sift-drop');
    expect(routablePath('/sift-drop/')).toBe('/sift-drop/');
    expect(routablePath('/sift-drop//lead')).toBe('/sift-drop/%2Flead');
    expect(routablePath('/sift-drop/a//b/')).toBe('/sift-drop/a%2F/b%2F');
  });
});
