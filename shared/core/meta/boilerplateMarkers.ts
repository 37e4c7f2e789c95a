/** The marker tables now live in the one lexicon both paths read; kept so existing imports work. */
export * from './lexicon.js';
