import { describe, expect, it } from 'vitest';
import { buildGlueContext, evidenceSplit, repairLine, repairText } from '../../../shared/core/text/repairGlue.js';

/** Repairs one line with the page context built from `page` (default: the line itself). */
const repair = (line: string, page = line) => repairLine(line, buildGlueContext(page));

describe('repairGlue: script switches', () => {
  it('cuts where Latin and Arabic letters touch', () => {
    // Prepare
    const line = 'Relatedالحكومة تعلن خطة جديدة للنقل العام';
    // Act
    const segments = repair(line);
    // Assess
    expect(segments).toEqual(['Related', 'الحكومة تعلن خطة جديدة للنقل العام']);
  });

  it('cuts Cyrillic glued to Latin and Hebrew glued to Latin', () => {
    // Prepare
    const lines = ['ReadНовости дня', 'Shareחדשות היום'];
    // Act
    const out = lines.map((l) => repair(l));
    // Assess
    expect(out).toEqual([['Read', 'Новости дня'], ['Share', 'חדשות היום']]);
  });

  it('leaves Latin inside Chinese and Japanese alone (those scripts mix without spaces)', () => {
    // Prepare
    const lines = ['新款iPhone将于下月发布', 'Appleは新しいMacを発表した'];
    // Act
    const out = lines.map((l) => repair(l));
    // Assess
    expect(out).toEqual([[lines[0]], [lines[1]]]);
  });
});

describe('repairGlue: sentence punctuation followed by a letter', () => {
  it('cuts after an Arabic question mark and after a full stop between Arabic words', () => {
    // Prepare
    const line = 'هل تنجح الخطة؟مصادر تتحدث عن تأخير. وقال المسؤول إن العمل مستمر.وأضاف أن الموعد ثابت';
    // Act
    const segments = repair(line);
    // Assess
    expect(segments).toEqual(['هل تنجح الخطة؟', 'مصادر تتحدث عن تأخير. وقال المسؤول إن العمل مستمر.', 'وأضاف أن الموعد ثابت']);
  });

  it('cuts "word.Word" in Latin text but keeps abbreviations, file names, decimals, times and URLs', () => {
    // Prepare
    const glued = 'The council approved the budget.Members will vote again in May';
    const whole = [
      'The U.S. economy grew 2.5 percent at 10:30 on Monday.',
      'Install it with Node.js and open www.example.com/news.Html later.',
      'Mr.Smith and St.Louis are written without spaces here.',
    ];
    // Act
    const cut = repair(glued);
    const kept = whole.map((l) => repair(l));
    // Assess
    expect(cut).toEqual(['The council approved the budget.', 'Members will vote again in May']);
    expect(kept).toEqual(whole.map((l) => [l]));
  });
});

describe('repairGlue: Arabic word-final letters', () => {
  it('cuts after taa marbuta, alef maqsura and tanween when a letter follows', () => {
    // Prepare
    const lines = [
      'أعلنت الوزارة خطة جديدةوقال الوزير إنها تبدأ غدا',
      'وصل الوفد إلى المستشفىوبدأ الزيارة',
      'تحدث الرئيس أيضًالماذا تأخر القرار',
    ];
    // Act
    const out = lines.map((l) => repair(l));
    // Assess
    expect(out).toEqual([
      ['أعلنت الوزارة خطة جديدة', 'وقال الوزير إنها تبدأ غدا'],
      ['وصل الوفد إلى المستشفى', 'وبدأ الزيارة'],
      ['تحدث الرئيس أيضًا', 'لماذا تأخر القرار'],
    ]);
  });

  it('turns the rule off on a page that writes ى inside words (Persian typed with Arabic yeh)', () => {
    // Prepare: a page where "ى + letter" is spelling, not glue
    const word = 'مىروم';
    const page = Array.from({ length: 30 }, () => `${word} به خانه`).join('\n');
    // Act
    const ctx = buildGlueContext(page);
    const segments = repairLine(`${word} به خانه`, ctx);
    // Assess
    expect(ctx.arabicFinalsAreGlue).toBe(false);
    expect(segments).toEqual([`${word} به خانه`]);
  });
});

describe('repairGlue: case boundaries need evidence', () => {
  it('cuts labels and sentence starts glued in camel case', () => {
    // Prepare
    const lines = ['ShareTweetEmail', 'AdvertisementThe mayor opened the bridge', 'Ocean adaptationWe need better dams'];
    // Act
    const out = lines.map((l) => repair(l));
    // Assess
    expect(out).toEqual([
      ['Share', 'Tweet', 'Email'],
      ['Advertisement', 'The mayor opened the bridge'],
      ['Ocean adaptation', 'We need better dams'],
    ]);
  });

  it('keeps brand and family names written in camel case', () => {
    // Prepare
    const lines = ['She bought an iPhone at McDonald and posted on YouTube.', 'LinkedIn and JavaScript and PowerPoint'];
    // Act
    const out = lines.map((l) => repair(l));
    // Assess
    expect(out).toEqual(lines.map((l) => [l]));
  });

  it('keeps a compound the page repeats ("WordPress" five times is a word)', () => {
    // Prepare
    const page = 'WordPress sites. Word and Press are words. WordPress WordPress WordPress WordPress';
    // Act
    const segments = repairLine('Many WordPress sites', buildGlueContext(page));
    // Assess
    expect(segments).toEqual(['Many WordPress sites']);
  });
});

describe('repairGlue: labels glued onto words', () => {
  it('cuts an Arabic ad label glued to the next word, in both spellings', () => {
    // Prepare
    const lines = ['إعلانوالجدير بالذكر أن المعرض يفتح غدا', 'اعلانوأكد المدير أن العمل مستمر'];
    // Act
    const out = lines.map((l) => repair(l));
    // Assess
    expect(out).toEqual([['إعلان', 'والجدير بالذكر أن المعرض يفتح غدا'], ['اعلان', 'وأكد المدير أن العمل مستمر']]);
  });

  it('keeps inflected words that start like the label (plural, possessive)', () => {
    // Prepare
    const lines = ['إعلانات الشركة كثيرة', 'إعلانها جاء متأخرا'];
    // Act
    const out = lines.map((l) => repair(l));
    // Assess
    expect(out).toEqual(lines.map((l) => [l]));
  });

  it('splits an ad label left after the last sentence of a paragraph, in several languages', () => {
    // Prepare
    const lines = ['Le conseil a voté la réforme. Publicité', 'انتهى الاجتماع مساء أمس. اعلان', 'Die Sitzung endete am Abend. Anzeige'];
    // Act
    const out = lines.map((l) => repair(l));
    // Assess
    expect(out).toEqual([
      ['Le conseil a voté la réforme.', 'Publicité'],
      ['انتهى الاجتماع مساء أمس.', 'اعلان'],
      ['Die Sitzung endete am Abend.', 'Anzeige'],
    ]);
  });
});

describe('repairGlue: page evidence in caseless scripts', () => {
  it('splits a once-seen token made of two tokens that occur elsewhere on the page', () => {
    // Prepare
    const page = [
      'المجلس الأعلى للتخطيط يجتمع في العاصمة',
      'قال رئيس المجلس إن للتخطيط دورا كبيرا في التنمية وفي التعليم',
      'ويعمل الفريق في المدينة',
      'ثالثا: المجلس الأعلى للتخطيطفي 3 مايو عقد الاجتماع الأول',
    ].join('\n');
    // Act
    const segments = repairLine('ثالثا: المجلس الأعلى للتخطيطفي 3 مايو عقد الاجتماع الأول', buildGlueContext(page));
    // Assess
    expect(segments).toEqual(['ثالثا: المجلس الأعلى للتخطيط', 'في 3 مايو عقد الاجتماع الأول']);
  });

  it('does not split pronoun suffixes, short words or tokens the page repeats', () => {
    // Prepare
    const vocab = new Map<string, number>([['عندما', 1], ['عند', 4], ['ما', 9], ['الاتفاقية', 1], ['الاتفاق', 3], ['ية', 2], ['للتخطيطفي', 2], ['للتخطيط', 3], ['في', 9]]);
    // Act
    const cuts = ['عندما', 'الاتفاقية', 'للتخطيطفي'].map((t) => evidenceSplit(t, vocab));
    // Assess
    expect(cuts).toEqual([-1, -1, -1]);
  });
});

describe('repairText', () => {
  it('normalises line ends and spaces and drops empty lines', () => {
    // Prepare
    const text = 'First  line\r\n\r\n\u00A0Second\tline\rThird';
    // Act
    const lines = repairText(text);
    // Assess
    expect(lines.map((l) => l.segments)).toEqual([['First line'], ['Second line'], ['Third']]);
  });

  it('stays linear on one very long line', () => {
    // Prepare: 2 MB without a line break, glue everywhere
    const unit = 'The plan was approved.Members said it works. إعلانوقال الوزير إن الخطة جديدةوتبدأ غدا. ShareTweet ';
    const text = unit.repeat(Math.ceil(2_000_000 / unit.length));
    // Act
    const t0 = performance.now();
    const lines = repairText(text);
    const ms = performance.now() - t0;
    // Assess
    expect(lines).toHaveLength(1);
    expect(lines[0].segments.length).toBeGreaterThan(1000);
    expect(ms).toBeLessThan(15_000);
  });
});
