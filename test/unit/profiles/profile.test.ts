/** Source profiles: the schema (field and reason on refusal), `selector@attr`, host patterns and matching. */
import { describe, expect, it } from 'vitest';
import { hostMatches, hostPattern, ProfileError, ProfileMatcher, splitSelector } from '../../../shared/core/profiles/profile.js';
import { parseProfile } from '../../../shared/core/profiles/profileSchema.js';
import { buildProfileSet } from '../../../shared/core/html/profiles.js';

const valid = { name: 'harbour-gazette', hosts: ['news.harbour-gazette.example', '*.harbour-gazette.example'], body: 'div.story-body > p' };

const refusal = (input: unknown): ProfileError => {
  try {
    parseProfile(input, 'p.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ProfileError);
    return error as ProfileError;
  }
  throw new Error('the profile was accepted');
};

describe('parseProfile', () => {
  it('accepts the contract example, from JSON text or a value, hosts in normal form', () => {
    // Prepare
    const example = {
      ...valid, hosts: ['News.Harbour-Gazette.Example.', '*.harbour-gazette.example'], article: 'main article', title: 'h1.story-headline',
      drop: ['.story-body .promo'], published: 'meta[name="story-date"]@content', authors: '.story-credit a.person', tags: 'ul.topics a',
    };
    // Act
    const fromText = parseProfile(JSON.stringify(example), 'p.json');
    const fromValue = parseProfile(example, 'p.json');
    // Assess
    expect(fromText).toEqual(fromValue);
    expect(fromText.hosts).toEqual(['news.harbour-gazette.example', '*.harbour-gazette.example']);
    expect(fromText.drop).toEqual(['.story-body .promo']);
  });

  it.each([
    [{ hosts: valid.hosts, body: 'p' }, 'name', 'expected string'],
    [{ name: 'x', body: 'p' }, 'hosts', 'expected array'],
    [{ name: 'x', hosts: [], body: 'p' }, 'hosts', 'at least one host'],
    [{ name: 'x', hosts: ['a.example'] }, 'body', 'expected string'],
    [{ name: 'x', hosts: ['a.example'], body: '   ' }, 'body', 'must not be empty'],
    [{ name: 'x y', hosts: ['a.example'], body: 'p' }, 'name', 'letters, digits'],
    [{ name: 'x', hosts: ['a.example', 'https://b.example/news'], body: 'p' }, 'hosts[1]', 'no scheme, port, path'],
    [{ name: 'x', hosts: ['*.org'], body: 'p' }, 'hosts[0]', 'top-level domain'],
    [{ name: 'x', hosts: ['a..example'], body: 'p' }, 'hosts[0]', 'not a valid host'],
    [{ name: 'x', hosts: ['a.example'], body: 'p', drop: ['.ad', ''] }, 'drop[1]', 'must not be empty'],
    [{ name: 'x', hosts: ['a.example'], body: 'p', title: 42 }, 'title', 'expected string'],
  ])('refuses %j with the field (%s) and the reason', (input, field, reason) => {
    // Act
    const error = refusal(input);
    // Assess
    expect(error.field).toBe(field);
    expect(error.reason).toContain(reason);
    expect(error.message).toContain('p.json');
    expect(error.message).toContain(`"${field}"`);
  });

  it('refuses unknown fields by name, and text that is not JSON', () => {
    expect(refusal({ ...valid, bodyy: 'p' }).reason).toContain('"bodyy"');
    expect(refusal('{"name": "x",').reason).toContain('not valid JSON');
  });
});

describe('splitSelector', () => {
  it.each([
    ['meta[name="story-date"]@content', 'meta[name="story-date"]', 'content'],
    ['time@datetime', 'time', 'datetime'],
    ['a.person', 'a.person', null],
    ['a[href$="@example.org"]', 'a[href$="@example.org"]', null],
    ['a[title="x@y"] span', 'a[title="x@y"] span', null],
    [':is(a, b)@data-x', ':is(a, b)', 'data-x'],
  ])('%s → css %s, attr %s', (value, css, attr) => {
    expect(splitSelector(value)).toEqual({ css, attr });
  });
});

describe('hostPattern and ProfileMatcher', () => {
  it('normalises case, trailing dots and international names', () => {
    expect(hostPattern('WWW.Example.ORG.')).toBe('www.example.org');
    expect(hostPattern('*.bücher.example')).toBe('*.xn--bcher-kva.example');
    expect(hostPattern('example.org:8080')).toMatchObject({ reason: expect.stringContaining('no scheme, port') });
  });

  it('matches exact hosts and *. suffixes, exact first, then the longest suffix; never the bare domain of a suffix', () => {
    // Prepare
    const profiles = [
      { name: 'wide', hosts: ['*.gazette.example'] },
      { name: 'sport', hosts: ['*.sport.gazette.example'] },
      { name: 'front', hosts: ['www.sport.gazette.example'] },
    ];
    const matcher = new ProfileMatcher(profiles);
    const name = (url: string | null) => matcher.match([url])?.name ?? null;
    // Act + Assess
    expect(name('https://news.gazette.example/a/1')).toBe('wide');
    expect(name('https://live.sport.gazette.example/a/1')).toBe('sport');
    expect(name('https://WWW.sport.gazette.example./a/1')).toBe('front');
    expect(name('https://gazette.example/a/1')).toBeNull();
    expect(name('https://othergazette.example/a/1')).toBeNull();
    expect(name('not a url')).toBeNull();
    expect(name(null)).toBeNull();
  });

  it('takes the first URL (canonical before og:url before the container URL) whose host a profile names', () => {
    const matcher = new ProfileMatcher([{ name: 'a', hosts: ['a.example'] }, { name: 'b', hosts: ['b.example'] }]);
    expect(matcher.match(['https://c.example/', 'https://b.example/x', 'https://a.example/y'])?.name).toBe('b');
  });
});

describe('hostMatches', () => {
  it('matches an exact host, or any host below a suffix but not the suffix itself', () => {
    expect([
      hostMatches('news.example.org', 'news.example.org'), hostMatches('news.example.org', 'www.news.example.org'),
      hostMatches('*.example.org', 'news.example.org'), hostMatches('*.example.org', 'a.b.example.org'),
      hostMatches('*.example.org', 'example.org'), hostMatches('*.example.org', 'badexample.org'),
    ]).toEqual([true, false, true, true, false, false]);
  });
});

describe('buildProfileSet', () => {
  it('refuses a selector cheerio cannot read, naming the field', async () => {
    const bad = { ...valid, authors: 'a[href=' };
    await expect(buildProfileSet([{ origin: 'bad.json', content: bad }])).rejects.toMatchObject({ field: 'authors', origin: 'bad.json' });
    await expect(buildProfileSet([{ origin: 'bad.json', content: { ...valid, article: 'main@id' } }])).rejects.toMatchObject({ field: 'article' });
  });

  it('refuses a second profile of the same name, or with onRejected leaves out the bad ones and keeps the rest', async () => {
    // Prepare
    const docs = [
      { origin: 'one.json', content: valid },
      { origin: 'two.json', content: { ...valid, hosts: ['other.example'] } },
      { origin: 'three.json', content: { name: 'third', hosts: ['third.example'], body: 'p' } },
    ];
    const rejected: ProfileError[] = [];
    // Act
    const set = await buildProfileSet(docs, (e) => rejected.push(e));
    // Assess
    await expect(buildProfileSet(docs)).rejects.toMatchObject({ origin: 'two.json', field: 'name' });
    expect(set.names).toEqual(['harbour-gazette', 'third']);
    expect(rejected.map((e) => e.origin)).toEqual(['two.json']);
  });

  it('gives the empty set for no documents', async () => {
    const set = await buildProfileSet([]);
    expect(set.size).toBe(0);
    expect(set.match(['https://news.harbour-gazette.example/'])).toBeNull();
  });
});
