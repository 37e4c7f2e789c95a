import { describe, expect, it } from 'vitest';
import { extractFromText, tagsToTheirArticle } from '../../../shared/core/text/extractText.js';

const NOW = new Date('2026-01-01T00:00:00Z');

/** Two Arabic articles in one scrape, with the genre's glue: ad labels, a related run, a footer run. */
const ARABIC_PAGE = [
  'البلدية تفتتح جسرا جديدا فوق النهر بعد عامين من العمل',
  'تاريخ النشر: 2024-03-05',
  'افتتحت البلدية صباح اليوم جسرا جديدا فوق النهر، بعد عامين من العمل المتواصل، وقال رئيس البلدية إن الجسر سيخفف الازدحام في وسط المدينة. اعلان',
  'وأضاف أن المرحلة الثانية من المشروع ستبدأ في الربيع المقبل، وأن التمويل متوفر بالكامل من ميزانية العام الحالي، دون الحاجة إلى قروض جديدة أو رسوم إضافية.',
  'Relatedمعرض الكتاب يفتح أبوابه للزوار في العاصمةهل تنجح خطة النقل الجديدة في المدينة؟وأوضح المهندس المسؤول أن الجسر صمم ليتحمل الفيضانات الكبيرة، وأن اختبارات السلامة استمرت ثلاثة أشهر قبل الافتتاح الرسمي.',
  'وقال عدد من السكان إنهم ينتظرون المشروع منذ سنوات طويلة، وإن الطريق القديم كان مزدحما في ساعات الصباح والمساء، ويأملون أن تتحسن الحركة الآن.',
  'شارك هذا المقالالمصدر: وكالة المدينة',
  'كلمات دلالية: النقل العام، جسور، النقل العام',
  'إقرأ أيضاً:',
  'المدينة تستعد لموسم الأمطار',
  'بدأت فرق الصيانة في المدينة تنظيف قنوات تصريف المياه استعدادا لموسم الأمطار، بعد أن تسببت العواصف في العام الماضي بأضرار كبيرة في الشوارع والمنازل القريبة من النهر.',
  'أولاً: خطة طوارئ جديدةوقالت إدارة الطوارئ إنها جهزت مضخات إضافية في الأحياء المنخفضة، وإن الفرق ستعمل على مدار الساعة خلال العواصف.',
  'إعلانوأشار المسؤولون إلى أن السكان يمكنهم الإبلاغ عن أي انسداد عبر الرقم المجاني، وأن الاستجابة ستكون خلال ساعة واحدة في الحالات العاجلة.',
  'كما دعت البلدية أصحاب المحلات التجارية إلى رفع البضائع عن الأرض خلال أيام العواصف، وإلى متابعة النشرات الجوية التي تصدرها الأرصاد مرتين في اليوم.',
  'هذا المقال يعبر عن رأي كاتبه، والآراء الواردة فيه لا تعكس بالضرورة رأي موقع المدينة.',
  'من نحنسياسة الخصوصيةاتصل بنا',
  'facebooktwitteryoutubeinstagram',
].join('\n');

describe('extractFromText: a two-article Arabic scrape', () => {
  it('finds both articles with their titles, dates, sources, tags and related headlines', () => {
    // Act
    const [a, b, ...rest] = extractFromText(ARABIC_PAGE, { fetchedAt: NOW });
    // Assess
    expect(rest).toEqual([]);
    expect(a.title).toBe('البلدية تفتتح جسرا جديدا فوق النهر بعد عامين من العمل');
    expect(a.published).toBe('2024-03-05');
    expect(a.source).toBe('وكالة المدينة');
    expect(a.tags).toEqual(['النقل العام', 'جسور']);
    expect(a.related.map((r) => r.title)).toEqual(['معرض الكتاب يفتح أبوابه للزوار في العاصمة', 'هل تنجح خطة النقل الجديدة في المدينة؟']);
    expect(b.title).toBe('المدينة تستعد لموسم الأمطار');
    expect(b.published).toBeNull();
    expect(b.source).toBe('المدينة');
    expect(b.blocks.filter((x) => x.kind === 'heading').map((x) => x.text)).toEqual(['أولاً: خطة طوارئ جديدة']);
  });

  it('leaves no boilerplate in titles or bodies', () => {
    // Act
    const all = extractFromText(ARABIC_PAGE, { fetchedAt: NOW }).map((x) => `${x.title}\n${x.blocks.map((bl) => bl.text).join('\n')}`).join('\n');
    // Assess
    for (const junk of ['اعلان', 'إعلان', 'Related', 'شارك هذا المقال', 'كلمات دلالية', 'إقرأ أيضاً', 'الآراء الواردة', 'من نحن', 'facebook']) {
      expect(all, junk).not.toContain(junk);
    }
  });
});

describe('extractFromText: English and French pages', () => {
  it('finds title, byline, date and body between navigation and footer', () => {
    // Prepare
    const page = [
      'Home', 'World', 'Politics', 'Science', 'Skip to content',
      'River towns count the cost of the spring floods',
      'By Jane Doe',
      'Published: 2024-04-02',
      'Share this article',
      'The river rose faster than at any time in the last fifty years, and by the morning three villages along the valley were cut off from the main road.',
      'Rescue teams reached the last families only after the water began to fall, and officials said that the dams upstream had held despite the pressure.',
      'Advertisement',
      'Engineers will now inspect every bridge in the valley before the roads reopen, a process that the regional council expects to take at least two weeks.',
      'Tags: floods, rivers, infrastructure',
      'Most read', 'Privacy Policy', 'Terms of Use', '© 2024 Example News. All rights reserved.',
    ].join('\n');
    // Act
    const [a, ...rest] = extractFromText(page, { fetchedAt: NOW });
    // Assess
    expect(rest).toEqual([]);
    expect(a.title).toBe('River towns count the cost of the spring floods');
    expect(a.authors).toEqual(['Jane Doe']);
    expect(a.published).toBe('2024-04-02');
    expect(a.tags).toEqual(['floods', 'rivers', 'infrastructure']);
    expect(a.blocks.map((x) => x.text.slice(0, 20))).toEqual(['The river rose faste', 'Rescue teams reached', 'Engineers will now i']);
  });

  it('reads a French page with glued navigation and a trailing ad label', () => {
    // Prepare
    const page = [
      'AccueilInternationalÉconomieCulture',
      'Le musée rouvre ses portes après deux ans de travaux',
      'Publié le 2024-05-12',
      'Le musée de la ville a rouvert samedi après deux années de travaux qui ont permis de restaurer la toiture, la grande salle et la plupart des vitraux d’origine. Publicité',
      'Les visiteurs pourront découvrir une nouvelle aile consacrée aux arts du textile, ainsi qu’un jardin intérieur qui sera ouvert au public pendant tout l’été.',
      'Lire aussi',
      'Partager', 'Mentions légales', 'Tous droits réservés',
    ].join('\n');
    // Act
    const [a] = extractFromText(page, { fetchedAt: NOW });
    // Assess
    expect(a.title).toBe('Le musée rouvre ses portes après deux ans de travaux');
    expect(a.published).toBe('2024-05-12');
    expect(a.blocks).toHaveLength(2);
    expect(a.blocks[0].text.endsWith('d’origine.')).toBe(true);
  });

  it('uses hints as defaults and returns nothing for an empty scrape', () => {
    // Prepare
    const page = 'A short note about the council meeting, which ended late on Tuesday evening after a long debate about the budget for the next year and the new tram line.';
    // Act
    const [a] = extractFromText(page, { title: 'Council meeting', source: 'Example Wire', url: 'https://example.org/a' });
    // Assess
    expect(a.title).toBe('Council meeting');
    expect(a.source).toBe('Example Wire');
    expect(a.url).toBe('https://example.org/a');
    expect(extractFromText('  \n \n')).toEqual([]);
  });
});

describe('extractFromText: where the text starts and how many articles a page holds', () => {
  const IT = [
    'Il consiglio comunale ha approvato martedì il nuovo piano per il trasporto pubblico, che prevede tre linee di autobus elettrici e una rete di piste ciclabili tra i quartieri.',
    'Secondo l’assessore alla mobilità, i lavori inizieranno in primavera e dureranno almeno due anni, anche se alcuni tratti delle piste saranno pronti prima dell’estate.',
    'Gli abitanti dei quartieri a nord chiedevano da anni un collegamento diretto con il centro, e le associazioni hanno accolto con favore la decisione del consiglio.',
  ];

  it('keeps a one-article page with sidebar teasers, a ranking list and comments as one article', () => {
    // Prepare
    const page = [
      'Home', 'Cronaca', 'Politica',
      'Nuove linee di autobus elettrici per i quartieri a nord',
      'Di Marco Rossi', '5 marzo 2024',
      ...IT,
      'Condividi',
      'Potrebbe interessarti',
      'La biblioteca centrale amplia l’orario per tutta l’estate',
      'La biblioteca resterà aperta fino a mezzanotte nei mesi di luglio e agosto.',
      'Il festival del cinema presenta il programma di settembre',
      'Il festival porterà in città oltre cento film da trenta paesi diversi.',
      'Commenti',
      'Finalmente una buona notizia per chi vive nei quartieri a nord della città',
      'Rispondi', 'Anna · 5 marzo 2024',
      'Speriamo che i lavori finiscano davvero in due anni, perché le promesse del passato non sono state mantenute e i cantieri sono rimasti aperti a lungo.',
      '© 2024 Giornale della Città',
    ].join('\n');
    // Act
    const articles = extractFromText(page, { fetchedAt: NOW });
    // Assess
    expect(articles.map((a) => a.title)).toEqual(['Nuove linee di autobus elettrici per i quartieri a nord']);
    expect(articles[0].blocks.map((b) => b.text)).toEqual(IT);
  });

  it('cuts an edition page into its articles, each under its headline, byline and date', () => {
    // Prepare
    const second = [
      'Die neue Brücke soll den Verkehr in der Innenstadt deutlich entlasten und nach den Plänen der Verwaltung in drei Jahren fertig sein, wenn die Bauarbeiten wie geplant im Herbst beginnen.',
      'Die Kosten für das Projekt werden auf rund vierzig Millionen Euro geschätzt, wobei das Land einen großen Teil der Summe übernehmen will, wenn der Bund die Förderung bestätigt.',
      'Anwohner hatten sich seit Jahren über den Lärm und die Staus in der Altstadt beklagt, und viele von ihnen verfolgten die Sitzung des Rates bis spät in den Abend hinein.',
    ];
    const page = [
      'Wochenausgabe',
      'Neue Buslinien für den Norden der Stadt', 'Von Marie Keller', '5. März 2024',
      'Der Stadtrat hat am Dienstag drei neue Buslinien beschlossen, die den Norden der Stadt mit dem Zentrum verbinden und ab dem Sommer im Zehnminutentakt fahren sollen.',
      'Die Verkehrsbetriebe wollen dafür zwanzig neue Elektrobusse kaufen, die im Depot am Stadtrand geladen werden, und suchen bereits Fahrerinnen und Fahrer für den neuen Betrieb.',
      'Kommentare (3)',
      'Stadtrat beschließt neue Brücke über den Fluss', 'Von Jonas Weber', '5. März 2024',
      ...second,
      'Kommentare (12)',
    ].join('\n');
    // Act
    const articles = extractFromText(page, { fetchedAt: NOW });
    // Assess
    expect(articles.map((a) => a.title)).toEqual(['Neue Buslinien für den Norden der Stadt', 'Stadtrat beschließt neue Brücke über den Fluss']);
    expect(articles[1].blocks.map((b) => b.text)).toEqual(second);
    expect(articles[1].authors).toEqual(['Jonas Weber']);
  });

  it('starts the text after a run of menu labels the classifier took for prose', () => {
    // Prepare
    const page = [
      'Welcome to Valley News',
      'World Business Arts Travel Food Style Puzzles Opinion Weather Science Health Sports Books Movies Music Theater Television Real Estate Autos Jobs Obituaries Corrections',
      'Sections',
      'Council approves flood defences for the valley', 'By Jane Doe', 'March 5, 2024',
      'The county council approved the new flood defences on Tuesday evening, after a debate that lasted more than four hours and drew residents from every village along the river valley.',
      'Engineers say the defences will protect more than two thousand homes, and that the work on the embankments should start in the spring if the weather allows it and the funding arrives on time.',
    ].join('\n');
    // Act
    const [a] = extractFromText(page, { fetchedAt: NOW });
    // Assess
    expect(a.title).toBe('Council approves flood defences for the valley');
    expect(a.blocks).toHaveLength(2);
  });

  // A section or briefs page: stories one after the other, no date line or byline, each closed by its share bar.
  it.each([
    ['French', 'Partager', [
      ['La mairie lance un plan vélo pour le centre-ville', [
        'La mairie a présenté mardi un plan de cinq ans pour développer le vélo dans le centre-ville, avec quarante kilomètres de nouvelles pistes cyclables et des parkings sécurisés.',
        'Selon l’adjoint chargé des transports, les premiers travaux commenceront au printemps, sur les axes les plus fréquentés, et les habitants seront consultés quartier par quartier.',
      ]],
      ['Le festival de jazz dévoile sa programmation', [
        'Le festival de jazz de la ville a dévoilé mercredi la programmation de sa vingtième édition, qui accueillera plus de soixante concerts en plein air pendant dix jours en juillet.',
        'Les organisateurs promettent des artistes venus de quinze pays et des scènes gratuites dans les parcs, afin d’attirer un public plus jeune et plus familial que les années passées.',
      ]],
      ['Trois écoles rénovées avant la rentrée', [
        'Trois écoles primaires du quartier nord seront entièrement rénovées pendant l’été, pour un coût total de douze millions d’euros financé en partie par la région et par l’État.',
        'Les travaux porteront sur l’isolation des bâtiments, le remplacement des fenêtres et l’installation de panneaux solaires, afin de réduire de moitié les factures d’énergie.',
        'Les parents d’élèves ont été informés lors d’une réunion publique, et des classes provisoires seront installées dans la cour si les chantiers prennent du retard à la fin de l’été.',
      ]],
    ]],
    ['English', 'Share this story', [
      ['City unveils a five-year cycling plan', [
        'The city unveiled a five-year plan on Tuesday to build forty kilometres of new cycle lanes across the centre, with secure bicycle parking next to every railway station.',
        'The transport department said the first lanes would open in the spring on the busiest roads, and residents would be consulted in each district before any work begins there.',
      ]],
      ['Jazz festival announces its line-up', [
        'The city jazz festival announced the line-up of its twentieth edition on Wednesday, with more than sixty open-air concerts over ten days in July and free stages in the parks.',
        'The organisers said artists from fifteen countries would take part, and that they hoped the free concerts would bring a younger audience and more families than in past years.',
      ]],
      ['Three schools to be renovated over the summer', [
        'Three primary schools in the north of the city will be renovated over the summer at a cost of twelve million pounds, paid for in part by the regional government.',
        'The work covers insulation, new windows and solar panels on the roofs, which the council says will halve the schools’ energy bills from the next winter onwards.',
        'Parents were told at a public meeting that temporary classrooms would be set up in the playgrounds if the work ran late, so that no pupil would miss the start of the school year.',
      ]],
    ]],
  ])('cuts a %s briefs page into its stories at the share bar that closes each one', (_, share, stories) => {
    // Prepare
    const page = ['Home', 'City', 'Culture', ...stories.flatMap(([headline, body]) => [headline, ...body, share]), '© 2025 City News'].join('\n');
    // Act
    const articles = extractFromText(page, { fetchedAt: NOW });
    // Assess
    expect(articles.map((a) => a.title)).toEqual(stories.map(([headline]) => headline));
    expect(articles.map((a) => a.blocks.map((b) => b.text))).toEqual(stories.map(([, body]) => body));
  });

  // A blog platform's post header: the date above the headline, "Posted by" and the author's role under it.
  // Unread as a byline, that line looked like a second headline, and headline over headline is a teaser list.
  it.each([
    ['English', 'March 4, 2024', 'Shrinking app updates by two thirds', 'Posted by Jane Roe, Software Engineer on the Store team', [
      'Phones download billions of app updates every month, and every byte of them costs users time, battery and, on many plans, money, so we set out to send less of each update.',
      'The new approach compares the old and the new version of every file in the package, and sends only the parts that changed, which on average cuts the download by two thirds.',
      'Developers do not need to change anything: the store builds the smaller updates itself, and falls back to the whole package when a phone cannot apply the patch it was sent.',
    ]],
    ['Spanish', '4 de marzo de 2024', 'Actualizaciones de aplicaciones un tercio más pequeñas', 'Publicado por María Pérez, ingeniera del equipo de la tienda', [
      'Los teléfonos descargan miles de millones de actualizaciones cada mes, y cada byte cuesta tiempo, batería y, en muchos planes, dinero, así que decidimos enviar menos de cada una.',
      'El nuevo método compara la versión anterior y la nueva de cada archivo del paquete, y envía solo las partes que cambiaron, lo que reduce la descarga en dos tercios de media.',
      'Los desarrolladores no tienen que cambiar nada: la tienda prepara las actualizaciones más pequeñas y envía el paquete completo cuando un teléfono no puede aplicar el parche.',
    ]],
  ])('opens a new article at a %s blog post header: date, headline, "posted by" line', (_, date, headline, postedBy, body) => {
    // Prepare
    const page = [
      'Newsroom', 'Archive',
      'Release notes for the spring update', 'By John Doe', 'March 1, 2024',
      ...IT,
      '— John', 'This blog',
      date, headline, postedBy,
      ...body,
      'Labels: apps, updates',
    ].join('\n');
    // Act
    const articles = extractFromText(page, { fetchedAt: NOW });
    // Assess
    expect(articles.map((a) => a.title)).toEqual(['Release notes for the spring update', headline]);
    expect(articles[1].blocks.map((b) => b.text)).toEqual(body);
    expect(articles[1].authors).toEqual([postedBy.split(',')[0].split(' ').slice(2).join(' ')]);
  });

  // Prose is told from chrome by its function words: a language without them in the tables read as all chrome
  // (the whole page came back as the text, a menu entry as the title). Hebrew writes most of them as prefixes.
  it.each([
    ['Hebrew', ['ראשי', 'חדשות', 'ספורט'], 'העירייה מאשרת תוכנית חדשה לתחבורה ציבורית', 'מאת דנה כהן', '12 ביוני 2025', [
      'מועצת העיר אישרה ביום שלישי תוכנית חדשה לתחבורה ציבורית, הכוללת שלושה קווי אוטובוס חשמליים ורשת של שבילי אופניים בין השכונות.',
      'לדברי סגן ראש העיר, העבודות יתחילו באביב ויימשכו לפחות שנתיים, אף שחלק מהשבילים יהיו מוכנים לפני הקיץ.',
      'תושבי השכונות הצפוניות ביקשו במשך שנים קו ישיר למרכז, והעמותות בירכו על החלטת המועצה.',
    ], ['שתפו', 'פרסומת', '© 2025 חדשות העיר']],
    ['Greek', ['Αρχική', 'Ειδήσεις', 'Αθλητικά'], 'Νέο σχέδιο για τις συγκοινωνίες της πόλης', 'Γράφει η Μαρία Παπαδοπούλου', '12 Ιουνίου 2025', [
      'Το δημοτικό συμβούλιο ενέκρινε την Τρίτη ένα νέο σχέδιο για τις συγκοινωνίες, που περιλαμβάνει τρεις ηλεκτρικές γραμμές λεωφορείων και ποδηλατοδρόμους.',
      'Σύμφωνα με τον αντιδήμαρχο, τα έργα θα ξεκινήσουν την άνοιξη και θα διαρκέσουν τουλάχιστον δύο χρόνια, αν και ορισμένα τμήματα θα είναι έτοιμα νωρίτερα.',
      'Οι κάτοικοι των βόρειων συνοικιών ζητούσαν για χρόνια μια απευθείας σύνδεση με το κέντρο, και οι σύλλογοι χαιρέτισαν την απόφαση.',
    ], ['Κοινοποίηση', 'Διαφήμιση', '© 2025 Ειδήσεις της Πόλης']],
    ['Swedish', ['Hem', 'Nyheter', 'Sport'], 'Kommunen satsar på nya elbussar i centrum', 'Av Anna Lindqvist', '12 juni 2025', [
      'Kommunfullmäktige beslutade på tisdagen om en ny plan för kollektivtrafiken, med tre linjer för elbussar och ett nät av cykelbanor mellan stadsdelarna.',
      'Enligt kommunalrådet ska arbetet börja i vår och pågå i minst två år, även om vissa delar av cykelbanorna blir klara redan före sommaren.',
      'De boende i de norra stadsdelarna har i många år krävt en direkt förbindelse till centrum, och föreningarna välkomnade beslutet.',
    ], ['Dela', 'Annons', '© 2025 Stadsnytt']],
  ])('reads a %s page: its headline, byline, date and paragraphs, not its chrome', (_, menu, headline, byline, date, body, footer) => {
    // Prepare
    const page = [...menu, headline, byline, date, ...body, ...footer].join('\n');
    // Act
    const articles = extractFromText(page, { fetchedAt: NOW });
    // Assess
    expect(articles.map((a) => a.title)).toEqual([headline]);
    expect(articles[0].blocks.map((b) => b.text)).toEqual(body);
    expect(articles[0].published).toBe('2025-06-12');
    expect(articles[0].authors).toHaveLength(1);
  });

  // A brief of one-sentence paragraphs has no line long enough for the strict classifier: the page is read
  // with the relaxed one, and its headline comes from that reading, not from the strict reading's guess
  // (which, with no body to stand above, was the first line not marked bad: a menu entry).
  it.each([
    ['English', ['Home', 'World', 'Business', 'Sport', 'Contact us'], 'Council approves new budget for city schools', 'By Jane Porter', 'March 3, 2025', [
      'The city council approved the new school budget on Monday.', 'The vote was seven to two.',
      'Teachers had asked for higher pay for two years.', 'The budget adds three hundred new teaching posts.',
      'Parents welcomed the decision outside the hall.', 'Two members said the plan costs too much.',
      'The mayor will sign the budget this week.', 'Schools will hire the new staff in August.',
      'A review of the plan is due next spring.', 'The union called the vote a first step.',
    ], ['Share this article', 'Advertisement', '© 2025 City News. All rights reserved.']],
    ['Spanish', ['Inicio', 'Nacional', 'Deportes', 'Cultura', 'Contacto'], 'El ayuntamiento aprueba el nuevo presupuesto escolar', 'Por Ana Ruiz', '3 de marzo de 2025', [
      'El pleno aprobó el lunes el nuevo presupuesto para las escuelas.', 'La votación terminó siete a dos.',
      'Los maestros pedían un aumento desde hace dos años.', 'El plan crea trescientas nuevas plazas docentes.',
      'Las familias celebraron la decisión frente al edificio.', 'Dos concejales dijeron que el plan cuesta demasiado.',
      'La alcaldesa firmará el presupuesto esta semana.', 'Las escuelas contratarán al nuevo personal en agosto.',
      'Una revisión del plan llegará la próxima primavera.', 'El sindicato habló de un primer paso.',
    ], ['Compartir', 'Publicidad', '© 2025 Diario Local. Todos los derechos reservados.']],
  ])('titles a %s brief of one-sentence paragraphs under a menu of one-word entries by its headline', (_, menu, headline, byline, date, body, footer) => {
    // Prepare
    const page = [...menu, headline, byline, date, ...body, ...footer].join('\n');
    // Act
    const articles = extractFromText(page, { fetchedAt: NOW });
    // Assess
    expect(articles.map((a) => a.title)).toEqual([headline]);
    expect(articles[0].blocks.map((b) => b.text)).toEqual(body);
  });

  // A brief hard-wrapped at a fixed width: rejoined, its two sentences are one paragraph, shorter than prose that
  // stands on its own; the relaxed reading keeps it (its sentences are counted, not its lines).
  it.each([
    ['English', ['Home', 'News'], 'Council approves flood defences', 'By Jane Doe', 'March 5, 2024',
      'The county council approved the new flood defences on Tuesday evening after a four-hour debate. Engineers say the work will protect two thousand homes along the river.', 60, ['Share', '© 2024 Valley News']],
    ['Spanish', ['Inicio', 'Noticias'], 'El consejo aprueba los nuevos diques del valle', 'Por Ana Ruiz', '5 de marzo de 2024',
      'El consejo comarcal aprobó el martes por la noche los nuevos diques tras un debate de cuatro horas. Los ingenieros calculan que las obras protegerán dos mil viviendas.', 60, ['Compartir', '© 2024 Diario del Valle']],
  ])('reads a hard-wrapped %s brief as its one paragraph', (_, menu, headline, byline, date, paragraph, width, footer) => {
    // Prepare: wrapped as a fixed-width dump wraps it, at the last space that fits
    const wrapped: string[] = [];
    let line = '';
    for (const word of paragraph.split(' ')) {
      if (line && line.length + 1 + word.length > width) { wrapped.push(line); line = word; } else line = line ? `${line} ${word}` : word;
    }
    wrapped.push(line);
    const page = [...menu, headline, byline, date, ...wrapped, ...footer].join('\n');
    // Act
    const articles = extractFromText(page, { fetchedAt: NOW });
    // Assess
    expect(wrapped.length).toBeGreaterThan(2);
    expect(articles.map((a) => a.title)).toEqual([headline]);
    expect(articles[0].blocks.map((b) => b.text)).toEqual([paragraph]);
  });

  // A page of dated briefs (headline, date, two sentences) holds no line of prose the strict reading keeps; the
  // relaxed one counted the menu above them as text, and an untitled article was named after a menu entry.
  it.each([
    ['English', ['Home', 'News', 'Sport', 'In brief'], 'June 12, 2025', [
      ['Fire closes main road in town centre', 'A fire in an empty shop closed the main road on Thursday morning. Nobody was hurt, and the road reopened at noon.'],
      ['Library extends its opening hours', 'The central library will stay open until 9pm on weekdays from next month. The council said demand had grown since the spring.'],
    ]],
    ['German', ['Start', 'Lokales', 'Sport', 'Kurz notiert'], '12. Juni 2025', [
      ['Brand sperrt Hauptstraße im Zentrum', 'Ein Feuer in einem leeren Laden hat am Donnerstagmorgen die Hauptstraße gesperrt. Verletzt wurde niemand, mittags war die Straße wieder frei.'],
      ['Bibliothek verlängert die Öffnungszeiten', 'Die Stadtbibliothek hat ab dem nächsten Monat werktags bis 21 Uhr geöffnet. Die Stadt sagt, die Nachfrage sei seit dem Frühjahr gestiegen.'],
    ]],
  ])('reads a %s page of dated briefs without the menu above them', (_, menu, date, briefs) => {
    // Prepare
    const page = [...menu, ...briefs.flatMap(([headline, text]) => [headline, date, text]), '© 2025 Town Post'].join('\n');
    // Act
    const [a] = extractFromText(page, { fetchedAt: NOW });
    // Assess
    expect(a.title).toBe(briefs[0][0]);
    expect(a.blocks.map((b) => b.text)).toEqual([briefs[0][1], ...briefs.slice(1).flat()]);
  });

  // Three short sentences are shorter than a run of near-good lines that stands on its own: the relaxed
  // reading kept nothing, and the page was read out whole, menu and footer included.
  it.each([
    ['Russian', ['Главная', 'Новости', 'Спорт', 'Экономика', 'Контакты'], 'Мэрия утвердила новый план ремонта дорог', 'Автор: Иван Петров', '12 июня 2025',
      ['Власти одобрили план в среду.', 'Работы начнутся в июле.', 'Жители давно жаловались на ямы.'], ['Поделиться', 'Реклама', '© 2025 Городские новости']],
    ['German', ['Startseite', 'Politik', 'Sport', 'Kontakt'], 'Stadt sperrt Brücke für Lastwagen', 'Von Anna Weber', '12. Juni 2025',
      ['Die alte Brücke ist ab Montag gesperrt.', 'Autos dürfen weiter fahren.', 'Eine neue Brücke ist geplant.'], ['Teilen', 'Anzeige', '© 2025 Stadtzeitung']],
  ])('reads a %s brief of three short sentences as its own text, without the page around it', (_, menu, headline, byline, date, body, footer) => {
    // Prepare
    const page = [...menu, headline, byline, date, ...body, ...footer].join('\n');
    // Act
    const articles = extractFromText(page, { fetchedAt: NOW });
    // Assess
    expect(articles.map((a) => a.title)).toEqual([headline]);
    expect(articles[0].blocks.map((b) => b.text)).toEqual(body);
    expect(articles[0].authors).toEqual([byline.split(' ').slice(1).join(' ')]);
  });
});

describe('tagsToTheirArticle: tags go with the story they describe', () => {
  const article = (title: string, text: string, tags: string[] = []) => ({
    title, blocks: [{ kind: 'paragraph' as const, text }], published: null, publishedText: null, authors: [], source: null, url: null, tags, related: [], lang: null,
  });

  it('moves a page-end tag line from a "read also" story that never mentions them (ar, en)', () => {
    // Prepare
    const ar = [
      article('افتتاح محطة لتحلية المياه بالطاقة الشمسية', 'افتتحت الحكومة محطة جديدة لتحلية مياه البحر تعمل بالطاقة الشمسية وتحمي البيئة.'),
      article('موسم الزيتون يبدأ مبكرا', 'بدأ المزارعون قطف ثمار الزيتون قبل موعده المعتاد.', ['مياه', 'الطاقة الشمسية', 'البيئة']),
    ];
    const en = [
      article('Council opens a solar desalination plant', 'The plant turns sea water into drinking water with solar power.'),
      article('Olive harvest starts early', 'Farmers in the hills began picking olives two weeks early.', ['Solar power', 'Drinking water']),
    ];
    // Act
    const [arOut, enOut] = [tagsToTheirArticle(ar), tagsToTheirArticle(en)];
    // Assess
    expect(arOut.map((a) => a.tags)).toEqual([['مياه', 'الطاقة الشمسية', 'البيئة'], []]);
    expect(enOut.map((a) => a.tags)).toEqual([['Solar power', 'Drinking water'], []]);
  });

  it('keeps tags on their article when it mentions any of them', () => {
    // Prepare
    const fr = [
      article('La ville inaugure un pont', 'Le nouveau pont traverse la rivière au centre-ville.', ['Pont', 'Transports']),
      article('Les transports en commun gratuits le dimanche', 'Les bus et les transports en commun seront gratuits.'),
    ];
    // Act
    const out = tagsToTheirArticle(fr);
    // Assess
    expect(out.map((a) => a.tags)).toEqual([['Pont', 'Transports'], []]);
  });
});
