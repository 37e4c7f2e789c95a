/**
 * Multilingual marker tables for the boilerplate of news pages: ad labels, "read also" and "related"
 * headers, share and accessibility bars, cookie / newsletter / app prompts, opinion disclaimers,
 * copyright lines, footer links, social network names, and the labels of metadata lines
 * (date, source, tags, author).
 *
 * Data, not code: the text path (shared/core/text/) and the HTML path (shared/core/html/) both read these
 * tables. Each table covers many languages (en, ar, fr, es, de, pt, it, ru, tr, fa, zh, ja, plus
 * others where the genre has a fixed phrase). Entries are written as a reader sees them; matching
 * goes through `markerKey`, which folds case, Arabic hamza/alef variants, diacritics and tatweel,
 * so "إقرأ أيضاً" and "اقرا ايضا" are the same key.
 */
import { foldSpaces } from '../spaces.js';
import { lazy } from '../lazy.js';

/** What a boilerplate marker says about the line that holds it. */
export type MarkerCategory =
  | 'ad' // an advertisement label
  | 'readAlso' // "read also" / "see also": introduces headlines of other articles
  | 'related' // "related" / "more on this": a list of other headlines follows
  | 'mostRead' // "most read" / "trending" widgets
  | 'share' // share bars
  | 'skip' // accessibility "skip to" links
  | 'cookie'
  | 'newsletter' // subscribe / sign-up prompts
  | 'app' // "download our app"
  | 'disclaimer' // "the views expressed ... do not reflect"
  | 'copyright'
  | 'footer' // about / contact / privacy / terms / sitemap links
  | 'social' // social network names
  | 'comments' // comment widgets
  | 'nav'; // menu, search, login, home, "more"

/** Labels of metadata lines: the value follows the label (usually after a colon). */
export type LabelKind = 'date' | 'updated' | 'source' | 'tags' | 'author';

/** language → phrases. Languages are BCP 47 primary subtags; the tables are read as a whole. */
type Table = Record<string, readonly string[]>;

/** Advertisement labels as pages print them above or inside an ad slot. */
export const AD_LABELS: Table = {
  en: ['Advertisement', 'Advertisements', 'Advert', 'Ad', 'Sponsored', 'Sponsored content', 'Paid content', 'Promoted', 'Story continues below advertisement', 'Continue reading below', 'Article continues below', 'Scroll to continue with content'],
  ar: ['إعلان', 'اعلان', 'إعلانات', 'محتوى ممول', 'محتوى مدفوع', 'مساحة إعلانية'],
  fr: ['Publicité', 'Pub', 'Contenu sponsorisé', 'Annonce'],
  es: ['Publicidad', 'Anuncio', 'Contenido patrocinado'],
  de: ['Anzeige', 'Werbung', 'Gesponsert'],
  pt: ['Publicidade', 'Anúncio', 'Conteúdo patrocinado'],
  it: ['Pubblicità', 'Annuncio', 'Contenuto sponsorizzato'],
  ru: ['Реклама', 'Спонсорский материал'],
  tr: ['Reklam', 'Sponsorlu içerik'],
  fa: ['تبلیغات', 'آگهی'],
  zh: ['广告', '廣告', '推广'],
  ja: ['広告', 'スポンサー', 'PR'],
  nl: ['Advertentie'],
  pl: ['Reklama'],
  he: ['פרסומת'],
  ur: ['اشتہار'],
};

/** "Read also": a header that introduces one or a few headlines of other articles. */
export const READ_ALSO: Table = {
  en: ['Read also', 'Read more', 'Also read', 'See also', 'Read next', 'Recommended', 'Recommended for you', 'You may also like', 'You might also like', 'Also on', 'More stories', 'Further reading', 'Don\'t miss', 'Continue reading', 'Read the full story'],
  ar: ['إقرأ أيضاً', 'اقرأ أيضا', 'إقرأ أيضا', 'اقرأ أيضاً', 'إقرأ المزيد', 'اقرأ المزيد', 'اقرأ كذلك', 'طالع أيضا', 'شاهد أيضا', 'قد يهمك أيضا', 'قد يعجبك أيضا', 'المزيد'],
  fr: ['Lire aussi', 'À lire aussi', 'A lire aussi', 'Lire la suite', 'Voir aussi', 'À voir aussi', 'Sur le même sujet', 'À lire également'],
  es: ['Lee también', 'Leer más', 'Lea también', 'Ver también', 'Te puede interesar', 'También te puede interesar', 'Sigue leyendo'],
  de: ['Lesen Sie auch', 'Auch interessant', 'Mehr zum Thema', 'Weiterlesen', 'Das könnte Sie auch interessieren'],
  pt: ['Leia também', 'Leia mais', 'Veja também', 'Saiba mais'],
  it: ['Leggi anche', 'Leggi di più', 'Vedi anche', 'Potrebbe interessarti'],
  ru: ['Читайте также', 'Читать далее', 'Смотрите также', 'Читайте еще'],
  tr: ['Ayrıca okuyun', 'Devamını oku', 'Bunlar da ilginizi çekebilir', 'İlginizi çekebilir'],
  fa: ['بیشتر بخوانید', 'بخوانید', 'همچنین بخوانید', 'ادامه مطلب'],
  zh: ['延伸阅读', '相关阅读', '推荐阅读', '阅读更多', '延伸閱讀', '相關閱讀'],
  ja: ['あわせて読みたい', '続きを読む', 'こちらもおすすめ'],
  nl: ['Lees ook', 'Lees meer'],
  pl: ['Czytaj też', 'Czytaj także', 'Zobacz też'],
  cs: ['Čtěte také', 'Přečtěte si také', 'Mohlo by vás zajímat'],
  id: ['Baca juga', 'Baca selengkapnya'],
  vi: ['Xem thêm', 'Đọc thêm'],
  ko: ['함께 읽기', '더 보기'],
  th: ['อ่านเพิ่มเติม', 'อ่านต่อ'],
  he: ['קראו גם', 'קרא גם', 'עוד בנושא', 'לקריאה נוספת'],
};

/** "Related": a list of other headlines follows (often glued into one run in plain text). */
export const RELATED: Table = {
  en: ['Related', 'Related articles', 'Related stories', 'Related content', 'Related news', 'Related topics', 'More on this story', 'More from', 'More on this', 'Related coverage', 'Latest news', 'Latest stories', 'Top stories', 'More news'],
  ar: ['ذات صلة', 'مواضيع ذات صلة', 'أخبار ذات صلة', 'مقالات ذات صلة', 'اخبار متعلقة', 'أخبار متعلقة', 'آخر الأخبار', 'المزيد من الأخبار'],
  fr: ['Articles liés', 'Sur le même thème', 'Dans la même rubrique', 'À la une', 'Dernières actualités'],
  es: ['Relacionado', 'Relacionados', 'Noticias relacionadas', 'Artículos relacionados', 'Últimas noticias'],
  de: ['Verwandte Artikel', 'Ähnliche Artikel', 'Mehr aus', 'Neueste Artikel'],
  pt: ['Relacionados', 'Notícias relacionadas', 'Matérias relacionadas', 'Últimas notícias'],
  it: ['Correlati', 'Articoli correlati', 'Notizie correlate', 'Ultime notizie'],
  ru: ['Похожие новости', 'По теме', 'Материалы по теме', 'Последние новости'],
  tr: ['İlgili haberler', 'İlgili', 'Benzer haberler', 'Son dakika'],
  fa: ['مطالب مرتبط', 'اخبار مرتبط', 'مرتبط'],
  zh: ['相关新闻', '相关文章', '相關新聞', '相關文章', '相关'],
  ja: ['関連記事', '関連ニュース', '関連'],
  nl: ['Gerelateerde artikelen', 'Meer nieuws', 'Laatste nieuws'],
  pl: ['Powiązane artykuły', 'Najnowsze wiadomości'],
  cs: ['Související články', 'Související', 'Nejnovější zprávy'],
  id: ['Berita terkait', 'Artikel terkait', 'Berita terbaru'],
  vi: ['Tin liên quan', 'Bài liên quan', 'Tin mới nhất'],
  ko: ['관련 기사', '관련기사', '관련 뉴스', '최신 뉴스'],
  he: ['כתבות קשורות', 'עוד באותו נושא'],
  hi: ['संबंधित खबरें', 'ताज़ा खबरें'],
  th: ['เรื่องที่เกี่ยวข้อง', 'ข่าวที่เกี่ยวข้อง', 'ข่าวล่าสุด'],
};

const MOST_READ: Table = {
  en: ['Most read', 'Most popular', 'Most viewed', 'Trending', 'Trending now', 'Popular', 'Editor\'s picks', 'Most shared'],
  ar: ['الأكثر قراءة', 'الأكثر تصفحاً', 'الأكثر مشاهدة', 'الأكثر تداولا', 'الأكثر شعبية', 'الأكثر تعليقا'],
  fr: ['Les plus lus', 'Les plus populaires', 'Tendances'],
  es: ['Lo más leído', 'Lo más visto', 'Más leídas', 'Tendencias'],
  de: ['Meistgelesen', 'Am meisten gelesen', 'Beliebt'],
  pt: ['Mais lidas', 'Mais lidos', 'Mais vistos'],
  it: ['I più letti', 'Più letti', 'Più visti'],
  ru: ['Самое читаемое', 'Популярное', 'Самое популярное'],
  tr: ['En çok okunanlar', 'Çok okunanlar', 'Gündem'],
  fa: ['پربازدیدترین', 'پربازدیدترین ها', 'پربحث‌ترین'],
  zh: ['热门', '最多阅读', '热门文章', '排行榜', '熱門'],
  ja: ['アクセスランキング', '人気記事', 'ランキング'],
  nl: ['Meest gelezen'],
  pl: ['Najczęściej czytane'],
  cs: ['Nejčtenější'],
  id: ['Terpopuler', 'Paling banyak dibaca'],
  vi: ['Đọc nhiều nhất', 'Xem nhiều nhất'],
  ko: ['많이 본 뉴스', '인기 기사'],
  he: ['הנקראים ביותר'],
  hi: ['सबसे ज्यादा पढ़ी गई'],
  th: ['ยอดนิยม', 'อ่านมากที่สุด'],
};

/** Share bars and the article's own tools (listen, print, text size, save). */
export const SHARE: Table = {
  en: ['Share', 'Share this', 'Share this article', 'Share this story', 'Share on Facebook', 'Share on Twitter', 'Tweet', 'Email', 'Print', 'Copy link', 'Link copied', 'Save', 'Share via', 'Listen to this article', 'Listen to this story', 'Listen to article', 'Read aloud', 'Font size', 'Text size', 'Gift this article', 'Save article'],
  ar: ['شارك', 'شارك هذا المقال', 'شارك المقال', 'مشاركة', 'شارك الخبر', 'طباعة', 'نسخ الرابط', 'تم نسخ الرابط', 'أرسل', 'حفظ', 'استمع إلى المقال', 'استمع للمقال', 'حجم الخط'],
  fr: ['Partager', 'Partager cet article', 'Imprimer', 'Copier le lien', 'Écouter cet article', 'Écouter l\'article', 'Taille du texte', 'Offrir cet article'],
  es: ['Compartir', 'Compartir en', 'Imprimir', 'Copiar enlace', 'Escuchar artículo', 'Escuchar este artículo', 'Tamaño de letra', 'Tamaño del texto'],
  de: ['Teilen', 'Artikel teilen', 'Drucken', 'Link kopieren', 'Artikel anhören', 'Vorlesen', 'Schriftgröße', 'Artikel verschenken'],
  pt: ['Compartilhar', 'Partilhar', 'Imprimir', 'Ouvir artigo', 'Ouvir este artigo', 'Tamanho da fonte'],
  it: ['Condividi', 'Stampa', 'Copia link', 'Ascolta l\'articolo', 'Ascolta questo articolo', 'Dimensione del testo'],
  ru: ['Поделиться', 'Печать', 'Скопировать ссылку', 'Слушать статью', 'Размер шрифта'],
  tr: ['Paylaş', 'Yazdır', 'Linki kopyala', 'Haberi dinle', 'Yazı boyutu'],
  fa: ['اشتراک‌گذاری', 'اشتراک گذاری', 'چاپ', 'کپی لینک'],
  zh: ['分享', '分享到', '打印', '复制链接', '收听文章', '字号'],
  ja: ['シェア', 'ツイート', '印刷', 'リンクをコピー', '記事を聞く', '文字サイズ'],
  he: ['שתפו', 'שתף', 'שיתוף', 'הדפסה', 'העתק קישור', 'גודל גופן'],
};

/** Accessibility and "skip to" links that lead the page. */
export const SKIP: Table = {
  en: ['Skip to content', 'Skip to main content', 'Skip navigation', 'Skip to navigation', 'Jump to', 'Skip to footer', 'Accessibility', 'Accessibility shortcuts', 'Go to accessibility shortcuts', 'Skip to accessibility shortcuts'],
  ar: ['انتقل إلى المحتوى', 'انتقل إلى المحتوى الرئيسي', 'انتقل إلى اختصارات الوصول', 'اختصارات الوصول', 'تخطى إلى المحتوى', 'تخطي إلى المحتوى', 'إمكانية الوصول'],
  fr: ['Aller au contenu', 'Aller au contenu principal', 'Passer au contenu', 'Aller aux raccourcis d\'accessibilité'],
  es: ['Ir al contenido', 'Saltar al contenido', 'Ir a los atajos de accesibilidad'],
  de: ['Zum Inhalt springen', 'Zum Hauptinhalt', 'Direkt zum Inhalt', 'Zu den Barrierefreiheitskürzeln'],
  pt: ['Pular para o conteúdo', 'Ir para o conteúdo', 'Saltar para o conteúdo'],
  it: ['Vai al contenuto', 'Salta al contenuto'],
  ru: ['Перейти к содержанию', 'Перейти к основному содержанию'],
  tr: ['İçeriğe geç', 'Ana içeriğe geç'],
  fa: ['رفتن به محتوا', 'پرش به محتوا'],
  zh: ['跳到主要内容', '跳至内容', '跳到內容'],
  ja: ['本文へスキップ', 'メインコンテンツへスキップ'],
  he: ['דלג לתוכן', 'דלג לתוכן הראשי', 'נגישות'],
};

/** "Back to top" links: the last lines of a page, not its first. */
const PAGE_TOP: Table = {
  en: ['Back to top'],
  ar: ['العودة إلى الأعلى'],
  fr: ['Retour en haut'],
  es: ['Volver arriba'],
  de: ['Nach oben'],
  pt: ['Voltar ao topo'],
  it: ['Torna su'],
  ru: ['Наверх'],
  tr: ['Başa dön'],
  fa: ['بازگشت به بالا'],
  zh: ['返回顶部'],
  ja: ['ページの先頭へ'],
};

const COOKIE: Table = {
  en: ['We use cookies', 'use of cookies', 'uses cookies', 'This site uses cookies', 'This website uses cookies', 'Cookie policy', 'Cookie settings', 'Cookie preferences', 'Accept cookies', 'Accept all', 'Manage cookies', 'Do not sell my personal information'],
  ar: ['ملفات تعريف الارتباط', 'استخدام ملفات تعريف الارتباط', 'سياسة ملفات تعريف الارتباط', 'تفضيلات ملفات تعريف الارتباط', 'نستخدم ملفات تعريف الارتباط', 'الكوكيز'],
  fr: ['Nous utilisons des cookies', 'utilisation de cookies', 'utilisation des cookies', 'dépôt de cookies', 'Ce site utilise des cookies', 'Politique de cookies', 'Gestion des cookies', 'Paramètres des cookies', 'Accepter les cookies', 'Tout accepter'],
  es: ['Utilizamos cookies', 'uso de cookies', 'utiliza cookies', 'Usamos cookies', 'Este sitio utiliza cookies', 'Política de cookies', 'Configuración de cookies', 'Aceptar cookies'],
  de: ['Wir verwenden Cookies', 'Verwendung von Cookies', 'verwendet Cookies', 'Diese Website verwendet Cookies', 'Cookie-Richtlinie', 'Cookie-Einstellungen', 'Alle akzeptieren'],
  pt: ['Usamos cookies', 'uso de cookies', 'utiliza cookies', 'Utilizamos cookies', 'Este site usa cookies', 'Política de cookies', 'Aceitar cookies'],
  it: ['Utilizziamo i cookie', 'uso dei cookie', 'utilizza cookie', 'Questo sito utilizza cookie', 'Cookie policy', 'Informativa sui cookie', 'Accetta tutti'],
  ru: ['Мы используем файлы cookie', 'использование файлов cookie', 'использованием файлов cookie', 'Этот сайт использует файлы cookie', 'Политика использования файлов cookie'],
  tr: ['Çerez politikası', 'çerezler kullanılmaktadır', 'Çerezleri kabul et', 'çerez kullanıyoruz'],
  fa: ['استفاده از کوکی', 'سیاست کوکی'],
  zh: ['我们使用cookie', 'Cookie政策', '使用Cookie'],
  ja: ['クッキーを使用', 'Cookieポリシー', 'Cookieの使用'],
};

/** Subscribe, sign-in and paywall prompts. */
const NEWSLETTER: Table = {
  en: ['Subscribe', 'Subscribe now', 'Sign up', 'Sign up for our newsletter', 'Newsletter', 'Newsletters', 'Get our newsletter', 'Enter your email', 'Email address', 'Already a subscriber', 'Subscribe to our newsletter', 'Sign in', 'Log in', 'Register', 'Create an account', 'You are subscribed', 'You\'re subscribed', 'Subscribers only', 'For subscribers', 'Exclusive to subscribers', 'This story is for subscribers', 'This article is for subscribers', 'Add us as a preferred source'],
  ar: ['اشترك', 'اشترك الآن', 'النشرة البريدية', 'النشرات البريدية', 'اشترك في النشرة البريدية', 'سجل الدخول', 'تسجيل الدخول', 'إنشاء حساب', 'أدخل بريدك الإلكتروني', 'للمشتركين فقط', 'أنت مشترك'],
  fr: ['S\'abonner', 'Abonnez-vous', 'Je m\'abonne', 'Newsletter', 'Inscrivez-vous à notre newsletter', 'Se connecter', 'Connexion', 'Déjà abonné', 'Réservé aux abonnés', 'Article réservé aux abonnés', 'Vous êtes inscrit'],
  es: ['Suscríbete', 'Suscribirse', 'Boletín', 'Regístrate', 'Iniciar sesión', 'Recibe nuestro boletín', 'Solo para suscriptores', 'Exclusivo para suscriptores', 'Ya estás suscrito'],
  de: ['Abonnieren', 'Jetzt abonnieren', 'Newsletter abonnieren', 'Anmelden', 'Registrieren', 'Einloggen', 'Nur für Abonnenten', 'Exklusiv für Abonnenten'],
  pt: ['Assine', 'Assine já', 'Inscreva-se', 'Receba nossa newsletter', 'Entrar', 'Cadastre-se', 'Exclusivo para assinantes', 'Conteúdo exclusivo para assinantes'],
  it: ['Iscriviti', 'Abbonati', 'Iscriviti alla newsletter', 'Accedi', 'Registrati', 'Riservato agli abbonati', 'Solo per abbonati'],
  ru: ['Подписаться', 'Подпишитесь', 'Подписаться на рассылку', 'Войти', 'Регистрация', 'Только для подписчиков'],
  tr: ['Abone ol', 'Bültene abone ol', 'Giriş yap', 'Üye ol', 'Abonelere özel'],
  fa: ['عضویت در خبرنامه', 'خبرنامه', 'ورود', 'ثبت نام'],
  zh: ['订阅', '訂閱', '登录', '注册', '登入', '仅限订阅用户', '付费阅读'],
  ja: ['購読', 'メールマガジン', 'ログイン', '会員登録', '有料会員限定', '会員限定記事'],
};

const APP: Table = {
  en: ['Download the app', 'Download our app', 'Get the app', 'Open in app', 'Available on the App Store', 'Get it on Google Play', 'App Store', 'Google Play'],
  ar: ['حمل التطبيق', 'حمّل التطبيق', 'تحميل التطبيق', 'نزل التطبيق', 'تطبيقاتنا'],
  fr: ['Télécharger l\'application', 'Téléchargez l\'application', 'Ouvrir dans l\'application'],
  es: ['Descarga la app', 'Descargar la aplicación', 'Abrir en la app'],
  de: ['App herunterladen', 'Laden Sie die App', 'In der App öffnen'],
  pt: ['Baixe o app', 'Baixe o aplicativo', 'Descarregue a aplicação'],
  it: ['Scarica l\'app', 'Scarica la nostra app'],
  ru: ['Скачать приложение', 'Скачайте приложение'],
  tr: ['Uygulamayı indir', 'Uygulamamızı indirin'],
  fa: ['دانلود اپلیکیشن', 'دانلود برنامه'],
  zh: ['下载客户端', '下载APP', '下載APP', '打开APP'],
  ja: ['アプリをダウンロード', 'アプリで開く'],
};

/** Opinion and comment disclaimers: "the views expressed ... do not necessarily reflect ...". */
export const DISCLAIMER: Table = {
  en: ['The views expressed', 'views expressed in this article', 'do not necessarily reflect', 'does not necessarily reflect', 'are those of the author', 'The opinions expressed', 'This article is for informational purposes'],
  ar: ['الآراء الواردة', 'لا تعكس بالضرورة', 'لا تعبر عن رأي', 'لا يعبر عن رأي', 'لا تعبر بالضرورة', 'تعبر عن رأي كاتبها', 'المقالات المنشورة تعبر', 'ما ورد في المقال يعبر'],
  fr: ['Les opinions exprimées', 'n\'engagent que leur auteur', 'ne reflètent pas nécessairement'],
  es: ['Las opiniones expresadas', 'no reflejan necesariamente', 'no necesariamente reflejan'],
  de: ['Die geäußerten Meinungen', 'geben nicht unbedingt', 'spiegeln nicht unbedingt'],
  pt: ['As opiniões expressas', 'não refletem necessariamente', 'não reflectem necessariamente'],
  it: ['Le opinioni espresse', 'non riflettono necessariamente'],
  ru: ['Мнение редакции может не совпадать', 'не обязательно отражает', 'Мнение автора может не совпадать'],
  tr: ['yazarın kendi görüşleridir', 'yayın politikasını yansıtmayabilir', 'görüşler yazara aittir'],
  fa: ['لزوما بیانگر', 'لزوماً بیانگر', 'بیانگر دیدگاه'],
  zh: ['不代表本网观点', '仅代表作者观点', '不代表本站观点'],
  ja: ['見解を示すものではありません', '個人の見解'],
};

export const COPYRIGHT: Table = {
  en: ['©', 'Copyright', 'All rights reserved', 'All Rights Reserved', 'Creative Commons license', 'Creative Commons licence'],
  ar: ['جميع الحقوق محفوظة', 'حقوق النشر محفوظة', 'كل الحقوق محفوظة', 'حقوق الطبع'],
  fr: ['Tous droits réservés', 'Droits réservés'],
  es: ['Todos los derechos reservados', 'Derechos reservados'],
  de: ['Alle Rechte vorbehalten'],
  pt: ['Todos os direitos reservados'],
  it: ['Tutti i diritti riservati', 'Riproduzione riservata'],
  ru: ['Все права защищены', 'Все права сохранены'],
  tr: ['Tüm hakları saklıdır', 'Her hakkı saklıdır'],
  fa: ['کلیه حقوق', 'تمامی حقوق', 'حقوق این سایت'],
  zh: ['版权所有', '版權所有', '未经授权', '未經授權', '不得转载', '禁止转载', '禁止轉載', '版权声明', '版權聲明', '版权说明', '版权保护', '转载请注明'],
  ja: ['無断転載', '無断複製', '著作権', 'Copyright'],
  ko: ['무단 전재', '무단전재', '재배포 금지', '저작권자'],
  nl: ['Alle rechten voorbehouden'],
  pl: ['Wszelkie prawa zastrzeżone'],
  cs: ['Všechna práva vyhrazena'],
  id: ['Hak cipta dilindungi'],
  vi: ['Bản quyền thuộc về', 'Giữ bản quyền'],
  he: ['כל הזכויות שמורות'],
  el: ['Με επιφύλαξη παντός δικαιώματος'],
  hi: ['सर्वाधिकार सुरक्षित'],
  th: ['สงวนลิขสิทธิ์', 'ลิขสิทธิ์'],
  my: ['မူပိုင်ခွင့်'],
};

/** Footer and header links: about, contact, privacy, terms, advertise, sitemap, careers. */
export const FOOTER: Table = {
  en: ['About us', 'About', 'Contact us', 'Contact', 'Privacy policy', 'Privacy', 'Terms of use', 'Terms of service', 'Terms and conditions', 'Terms & Conditions', 'Advertise', 'Advertise with us', 'Sitemap', 'Site map', 'Careers', 'Jobs', 'Help', 'Help center', 'FAQ', 'Press', 'Corrections', 'Ethics', 'Masthead', 'Your privacy choices', 'Accessibility statement', 'RSS', 'RSS feeds', 'Archive', 'Archives', 'Imprint'],
  ar: ['من نحن', 'عن الموقع', 'اتصل بنا', 'تواصل معنا', 'سياسة الخصوصية', 'الأحكام والشروط', 'الشروط والأحكام', 'شروط الاستخدام', 'شروط الخدمة', 'أعلن معنا', 'خريطة الموقع', 'وظائف', 'اعرض المزيد', 'احصل على المساعدة', 'بيان إمكانية الوصول', 'ابق على اتصال', 'بيانات صحفية', 'بيان الخصوصية', 'الإعلانات', 'الأرشيف', 'هيئة التحرير'],
  fr: ['Qui sommes-nous', 'À propos', 'Nous contacter', 'Contact', 'Mentions légales', 'Politique de confidentialité', 'Conditions générales', 'Conditions d\'utilisation', 'Plan du site', 'Publicité', 'Recrutement', 'Aide'],
  es: ['Quiénes somos', 'Sobre nosotros', 'Contacto', 'Aviso legal', 'Política de privacidad', 'Términos y condiciones', 'Condiciones de uso', 'Mapa del sitio', 'Publicidad', 'Trabaja con nosotros', 'Ayuda'],
  de: ['Über uns', 'Kontakt', 'Impressum', 'Datenschutz', 'Datenschutzerklärung', 'Nutzungsbedingungen', 'AGB', 'Sitemap', 'Mediadaten', 'Karriere', 'Hilfe'],
  pt: ['Quem somos', 'Sobre nós', 'Fale conosco', 'Contato', 'Contacto', 'Política de privacidade', 'Termos de uso', 'Mapa do site', 'Anuncie', 'Expediente', 'Ajuda'],
  it: ['Chi siamo', 'Contatti', 'Note legali', 'Informativa privacy', 'Privacy policy', 'Termini e condizioni', 'Mappa del sito', 'Pubblicità', 'Lavora con noi'],
  ru: ['О нас', 'О проекте', 'Контакты', 'Политика конфиденциальности', 'Условия использования', 'Карта сайта', 'Реклама на сайте', 'Вакансии', 'Пользовательское соглашение'],
  tr: ['Hakkımızda', 'İletişim', 'Künye', 'Gizlilik politikası', 'Kullanım koşulları', 'Site haritası', 'Reklam', 'Kariyer'],
  fa: ['درباره ما', 'تماس با ما', 'حریم خصوصی', 'شرایط استفاده', 'نقشه سایت', 'تبلیغات', 'آرشیو'],
  zh: ['关于我们', '联系我们', '隐私政策', '使用条款', '网站地图', '广告服务', '招聘', '關於我們', '聯絡我們', '隱私權政策', '免责声明'],
  ja: ['会社概要', 'お問い合わせ', 'プライバシーポリシー', '利用規約', 'サイトマップ', '広告掲載', '採用情報', 'ヘルプ'],
};

/** Social networks and messaging apps, by the names share bars and "follow us" rows print. */
export const SOCIAL_NAMES: readonly string[] = [
  'Facebook', 'Twitter', 'X', 'YouTube', 'Instagram', 'WhatsApp', 'Telegram', 'TikTok', 'LinkedIn', 'Pinterest',
  'Reddit', 'Snapchat', 'Threads', 'Bluesky', 'Mastodon', 'Tumblr', 'Flipboard', 'Pocket', 'Messenger', 'Viber',
  'VK', 'VKontakte', 'Odnoklassniki', 'Weibo', 'WeChat', 'QQ', 'LINE', 'Hatena', 'Mixi', 'Google News', 'RSS', 'Email', 'E-mail',
  'فيسبوك', 'فيس بوك', 'تويتر', 'يوتيوب', 'انستغرام', 'إنستغرام', 'انستجرام', 'واتساب', 'واتس اب', 'تلغرام', 'تيليجرام', 'تيك توك', 'لينكد إن',
  'فیسبوک', 'توییتر', 'اینستاگرام', 'تلگرام', 'واتس‌اپ',
  'ВКонтакте', 'Одноклассники', 'Телеграм', 'Фейсбук', 'Твиттер',
  '微博', '微信', '新浪微博', 'QQ空间', 'フェイスブック', 'ツイッター', 'はてなブックマーク', 'LINEで送る',
];

export const COMMENTS: Table = {
  en: ['Comments', 'Leave a comment', 'Leave a reply', 'Post a comment', 'Add a comment', 'Show comments', 'View comments', 'Reply', 'Join the conversation', 'Conversation'],
  ar: ['التعليقات', 'تعليقات', 'أضف تعليق', 'اضف تعليقا', 'اترك تعليقا', 'محادثة', 'رد'],
  fr: ['Commentaires', 'Laisser un commentaire', 'Réagir', 'Répondre'],
  es: ['Comentarios', 'Deja un comentario', 'Responder'],
  de: ['Kommentare', 'Kommentar schreiben', 'Antworten'],
  pt: ['Comentários', 'Deixe um comentário', 'Responder'],
  it: ['Commenti', 'Lascia un commento', 'Rispondi'],
  ru: ['Комментарии', 'Оставить комментарий', 'Ответить'],
  tr: ['Yorumlar', 'Yorum yap', 'Yanıtla'],
  fa: ['نظرات', 'ارسال نظر', 'دیدگاه‌ها'],
  zh: ['评论', '評論', '发表评论', '回复'],
  ja: ['コメント', 'コメントする', '返信'],
};

const NAV: Table = {
  en: ['Home', 'Menu', 'Search', 'More', 'Show more', 'Load more', 'Next', 'Previous', 'Close', 'Open menu', 'Sections', 'Follow us', 'Follow', 'Top', 'Video', 'Videos', 'Photos', 'Live', 'Watch', 'Listen', 'Log out', 'Edition', 'Toggle navigation'],
  ar: ['الرئيسية', 'الصفحة الرئيسية', 'القائمة', 'بحث', 'ابحث', 'المزيد', 'عرض المزيد', 'التالي', 'السابق', 'إغلاق', 'تابعنا', 'تابعونا', 'فيديو', 'صور', 'مباشر', 'أقسام', 'الأقسام', 'تابع'],
  fr: ['Accueil', 'Menu', 'Rechercher', 'Plus', 'Voir plus', 'Suivant', 'Précédent', 'Fermer', 'Rubriques', 'Suivez-nous', 'Vidéos', 'En direct'],
  es: ['Inicio', 'Portada', 'Menú', 'Buscar', 'Más', 'Ver más', 'Siguiente', 'Anterior', 'Cerrar', 'Secciones', 'Síguenos', 'Vídeos', 'En vivo', 'En directo'],
  de: ['Startseite', 'Menü', 'Suche', 'Suchen', 'Mehr', 'Mehr anzeigen', 'Weiter', 'Zurück', 'Schließen', 'Ressorts', 'Folgen Sie uns', 'Videos', 'Live'],
  pt: ['Início', 'Página inicial', 'Menu', 'Buscar', 'Pesquisar', 'Mais', 'Ver mais', 'Próximo', 'Anterior', 'Fechar', 'Siga-nos', 'Vídeos', 'Ao vivo'],
  it: ['Home', 'Menu', 'Cerca', 'Altro', 'Mostra altro', 'Successivo', 'Precedente', 'Chiudi', 'Seguici', 'Video', 'Diretta'],
  ru: ['Главная', 'Меню', 'Поиск', 'Ещё', 'Еще', 'Показать ещё', 'Далее', 'Назад', 'Закрыть', 'Разделы', 'Мы в соцсетях', 'Видео', 'Фото'],
  tr: ['Anasayfa', 'Ana sayfa', 'Menü', 'Ara', 'Daha fazla', 'Devamı', 'Sonraki', 'Önceki', 'Kapat', 'Bizi takip edin', 'Video', 'Foto', 'Canlı'],
  fa: ['صفحه اصلی', 'خانه', 'منو', 'جستجو', 'بیشتر', 'بعدی', 'قبلی', 'بستن', 'ما را دنبال کنید', 'ویدیو', 'عکس'],
  zh: ['首页', '首頁', '菜单', '搜索', '更多', '下一页', '上一页', '关闭', '视频', '图片', '直播', '关注我们'],
  ja: ['ホーム', 'トップ', 'メニュー', '検索', 'もっと見る', '次へ', '前へ', '閉じる', '動画', '写真', 'フォローする'],
};

/** Metadata line labels: the value follows, usually after a colon. */
export const LABELS: Record<LabelKind, Table> = {
  date: {
    en: ['Published', 'Published on', 'Published at', 'Posted', 'Posted on', 'Date', 'First published', 'Publication date'],
    ar: ['تاريخ النشر', 'نشر في', 'نُشر في', 'نشر بتاريخ', 'نشر يوم', 'بتاريخ', 'التاريخ', 'تاريخ الخبر', 'منذ'],
    fr: ['Publié le', 'Publié', 'Mis en ligne le', 'Date de publication'],
    es: ['Publicado', 'Publicado el', 'Fecha de publicación', 'Fecha'],
    de: ['Veröffentlicht', 'Veröffentlicht am', 'Erschienen am', 'Datum', 'Stand'],
    pt: ['Publicado em', 'Publicado', 'Data de publicação'],
    it: ['Pubblicato il', 'Pubblicato', 'Data di pubblicazione'],
    ru: ['Опубликовано', 'Дата публикации', 'Дата'],
    tr: ['Yayınlanma', 'Yayınlanma tarihi', 'Yayın tarihi', 'Tarih'],
    fa: ['تاریخ انتشار', 'منتشر شده در', 'تاریخ'],
    zh: ['发布时间', '發布時間', '发布日期', '时间', '日期'],
    ja: ['公開日', '掲載日', '配信日', '投稿日'],
  },
  updated: {
    en: ['Updated', 'Last updated', 'Updated on', 'Modified'],
    ar: ['آخر تحديث', 'تحديث', 'تم التحديث', 'محدث'],
    fr: ['Mis à jour le', 'Mis à jour', 'Modifié le'],
    es: ['Actualizado', 'Actualizado el', 'Última actualización'],
    de: ['Aktualisiert', 'Aktualisiert am', 'Zuletzt aktualisiert'],
    pt: ['Atualizado em', 'Atualizado', 'Actualizado'],
    it: ['Aggiornato il', 'Aggiornato', 'Ultimo aggiornamento'],
    ru: ['Обновлено', 'Последнее обновление'],
    tr: ['Güncelleme', 'Güncellenme', 'Son güncelleme'],
    fa: ['به‌روزرسانی', 'بروزرسانی', 'آخرین به روز رسانی'],
    zh: ['更新时间', '更新時間', '最后更新'],
    ja: ['更新日', '最終更新'],
  },
  source: {
    en: ['Source', 'Sources', 'Via', 'Credit'],
    ar: ['المصدر', 'المصادر', 'مصدر'],
    fr: ['Source', 'Sources'],
    es: ['Fuente', 'Fuentes'],
    de: ['Quelle', 'Quellen'],
    pt: ['Fonte', 'Fontes'],
    it: ['Fonte', 'Fonti'],
    ru: ['Источник', 'Источники'],
    tr: ['Kaynak'],
    fa: ['منبع'],
    zh: ['来源', '來源', '出处'],
    ja: ['出典', '出所', 'ソース'],
  },
  tags: {
    en: ['Tags', 'Tagged', 'Topics', 'Keywords', 'Filed under', 'Categories'],
    ar: ['كلمات دلالية', 'الكلمات الدلالية', 'الكلمات المفتاحية', 'كلمات مفتاحية', 'وسوم', 'الوسوم', 'مواضيع', 'المواضيع'],
    fr: ['Mots-clés', 'Mots clés', 'Tags', 'Thèmes', 'Sujets'],
    es: ['Etiquetas', 'Palabras clave', 'Temas'],
    de: ['Schlagwörter', 'Schlagworte', 'Stichwörter', 'Themen'],
    pt: ['Tags', 'Palavras-chave', 'Temas', 'Assuntos'],
    it: ['Tag', 'Parole chiave', 'Argomenti'],
    ru: ['Теги', 'Метки', 'Ключевые слова', 'Темы'],
    tr: ['Etiketler', 'Anahtar kelimeler', 'Konular'],
    fa: ['برچسب‌ها', 'برچسب ها', 'کلیدواژه‌ها', 'کلید واژه ها', 'موضوعات'],
    zh: ['标签', '標籤', '关键词', '關鍵詞'],
    ja: ['タグ', 'キーワード', '関連キーワード'],
  },
  author: {
    en: ['By', 'Written by', 'Posted by', 'Author', 'Authors', 'Reporter', 'Reported by', 'Words by'],
    ar: ['بقلم', 'كتب', 'كتبت', 'الكاتب', 'الكاتبة', 'المؤلف', 'إعداد', 'تقرير'],
    fr: ['Par', 'Auteur', 'Rédigé par', 'Publié par'],
    es: ['Por', 'Autor', 'Escrito por', 'Publicado por'],
    de: ['Von', 'Autor', 'Autorin', 'Verfasst von'],
    pt: ['Por', 'Autor', 'Escrito por', 'Publicado por'],
    it: ['Di', 'Autore', 'Scritto da', 'Pubblicato da'],
    ru: ['Автор', 'Текст'],
    tr: ['Yazar', 'Muhabir'],
    fa: ['نویسنده', 'خبرنگار'],
    zh: ['作者', '记者', '記者', '编辑', '責任編輯', '责任编辑'],
    ja: ['記者', '著者', '執筆'],
    he: ['מאת', 'כתב', 'כתבה', 'כתבת'],
    el: ['Του', 'Της', 'Γράφει ο', 'Γράφει η', 'Γράφει', 'Συντάκτης'],
    uk: ['Автор', 'Авторка'],
    sv: ['Av', 'Skriven av'],
    nl: ['Door', 'Auteur'],
    pl: ['Autor', 'Autorka'],
    ko: ['기자'],
  },
};

/** Caption and credit labels: a line opening with one describes a picture, it is not a headline. */
const CAPTION_LABELS: Table = {
  en: ['Image', 'Photo', 'Photograph', 'Picture', 'Credit', 'Caption', 'Image caption', 'Media caption', 'Photo credit', 'Illustration', 'Video', 'Watch'],
  ar: ['صورة', 'الصورة', 'مصدر الصورة', 'صورة أرشيفية', 'تعليق على الصورة', 'شاهد', 'فيديو'],
  fr: ['Photo', 'Crédit', 'Crédits', 'Légende', 'Illustration', 'Vidéo'],
  es: ['Foto', 'Imagen', 'Crédito', 'Fotografía', 'Vídeo'],
  de: ['Foto', 'Bild', 'Bildquelle', 'Bildunterschrift', 'Video'],
  pt: ['Foto', 'Imagem', 'Crédito', 'Legenda', 'Vídeo'],
  it: ['Foto', 'Immagine', 'Didascalia', 'Video'],
  ru: ['Фото', 'Изображение', 'Видео'],
  tr: ['Fotoğraf', 'Görsel', 'Video'],
  fa: ['عکس', 'تصویر', 'ویدیو'],
  zh: ['图片', '图', '摄影', '圖片', '视频'],
  ja: ['写真', '画像', '動画'],
};

/**
 * Labels of a picture credit: "Photo: Jane Doe/Agency", "(Image: Agency)", "Crédit photo : …". Read by the
 * figure reader (shared/core/html/figures.ts): a short line or caption tail opening with one and a colon is a credit.
 */
const CREDIT_LABELS: Table = {
  en: ['Photo', 'Photos', 'Photograph', 'Photography', 'Image', 'Images', 'Picture', 'Pictures', 'Credit', 'Credits', 'Photo credit', 'Image credit', 'Picture credit', 'Image source', 'Photo source', 'Illustration', 'Graphic', 'Courtesy', 'Photo courtesy', 'Image courtesy', 'Pictured'],
  ar: ['صورة', 'الصورة', 'صور', 'مصدر الصورة', 'تصوير', 'عدسة', 'الصورة من', 'حقوق الصورة', 'رسم'],
  fr: ['Photo', 'Photos', 'Crédit', 'Crédits', 'Crédit photo', 'Crédits photo', 'Image', 'Illustration', 'Infographie'],
  es: ['Foto', 'Fotos', 'Imagen', 'Imágenes', 'Crédito', 'Créditos', 'Fotografía', 'Ilustración', 'Infografía'],
  de: ['Foto', 'Fotos', 'Bild', 'Bilder', 'Bildquelle', 'Fotoquelle', 'Illustration', 'Grafik'],
  pt: ['Foto', 'Fotos', 'Imagem', 'Crédito', 'Créditos', 'Fotografia', 'Ilustração'],
  it: ['Foto', 'Immagine', 'Credito', 'Crediti', 'Fotografia', 'Illustrazione'],
  nl: ['Foto', 'Beeld', 'Afbeelding'],
  ru: ['Фото', 'Фотография', 'Изображение', 'Иллюстрация', 'Источник фото'],
  uk: ['Фото', 'Ілюстрація'],
  tr: ['Fotoğraf', 'Foto', 'Görsel', 'Resim'],
  fa: ['عکس', 'تصویر', 'منبع تصویر', 'عکاس'],
  pl: ['Fot', 'Zdjęcie', 'Foto'],
  zh: ['图片来源', '圖片來源', '图片', '圖片', '摄影', '攝影', '图', '圖'],
  ja: ['写真', '画像', '撮影', '写真提供', '画像提供'],
  ko: ['사진', '사진제공'],
};

/** Screen-reader and caption labels that open a caption ("Media caption", "Légende"): not part of its text. */
const CAPTION_OPENERS: Table = {
  en: ['Image caption', 'Media caption', 'Photo caption', 'Caption', 'Hide caption', 'Toggle caption', 'Expand image', 'Enlarge this image', 'Enlarge image', 'Open image in gallery', 'Image', 'Photo'],
  ar: ['تعليق على الصورة', 'التعليق على الصورة', 'شرح الصورة'],
  fr: ['Légende', 'Agrandir l\'image'],
  es: ['Pie de foto', 'Leyenda', 'Ampliar imagen'],
  de: ['Bildunterschrift', 'Bild vergrößern', 'Bildlegende'],
  pt: ['Legenda', 'Legenda da foto', 'Ampliar imagem'],
  it: ['Didascalia', 'Ingrandisci'],
  ru: ['Подпись к фото', 'Подпись'],
  tr: ['Fotoğraf altı', 'Büyüt'],
  fa: ['توضیح تصویر', 'زیرنویس تصویر'],
  zh: ['图注', '圖說', '图说'],
  ja: ['キャプション', '拡大'],
};

/** The word of a gallery counter between the two numbers: "Image 1 of 5", "Foto 2 de 7", "3 из 10". */
const COUNTER_OF: Table = {
  en: ['of'], fr: ['sur', 'de'], es: ['de'], pt: ['de'], it: ['di'], de: ['von'], nl: ['van'], ru: ['из'], uk: ['з'],
  pl: ['z'], tr: ['/'], ar: ['من'], fa: ['از'], zh: ['/'], ja: ['/'],
};

/** Notices a page prints for readers without scripts or plugins ("This slideshow requires JavaScript"): never body. */
const SCRIPT_NOTICES: Table = {
  en: ['requires JavaScript', 'enable JavaScript', 'JavaScript is disabled', 'JavaScript is required', 'JavaScript enabled', 'browser does not support', 'browser doesn\'t support', 'upgrade your browser', 'supports HTML5 video', 'this video is not available'],
  fr: ['nécessite JavaScript', 'activer JavaScript', 'activez JavaScript', 'JavaScript est désactivé', 'navigateur ne prend pas en charge', 'navigateur ne supporte pas'],
  es: ['requiere JavaScript', 'habilitar JavaScript', 'activar JavaScript', 'habilita JavaScript', 'navegador no soporta', 'navegador no admite', 'navegador no es compatible'],
  de: ['erfordert JavaScript', 'JavaScript aktivieren', 'aktivieren Sie JavaScript', 'JavaScript ist deaktiviert', 'Browser unterstützt', 'Browser unterstützt kein'],
  pt: ['requer JavaScript', 'ativar o JavaScript', 'habilitar o JavaScript', 'ative o JavaScript', 'navegador não suporta', 'navegador não é compatível'],
  it: ['richiede JavaScript', 'abilitare JavaScript', 'abilita JavaScript', 'browser non supporta'],
  ru: ['включите JavaScript', 'требуется JavaScript', 'браузер не поддерживает'],
  ar: ['يتطلب جافا سكريبت', 'تفعيل جافا سكريبت', 'متصفحك لا يدعم', 'المتصفح لا يدعم'],
  tr: ['JavaScript gerektirir', 'JavaScript\'i etkinleştirin', 'tarayıcınız desteklemiyor'],
  fa: ['جاوا اسکریپت را فعال', 'مرورگر شما پشتیبانی نمی'],
  zh: ['需要JavaScript', '启用JavaScript', '浏览器不支持', '瀏覽器不支援'],
  ja: ['JavaScriptを有効', 'ブラウザは対応していません', 'JavaScriptが無効'],
};

/** Sentences that invite the reader to subscribe, register or sign up (newsletter and paywall prompts). */
const READER_PROMPTS: Table = {
  en: ['Sign up for our', 'Subscribe to our', 'Sign up to receive', 'Sign up for the', 'delivered to your inbox', 'straight to your inbox', 'in your inbox', 'Already a subscriber', 'Become a member', 'Support our journalism', 'Create a free account', 'to continue reading', 'Subscribe for unlimited', 'Get our free'],
  fr: ['Inscrivez-vous à notre', 'Abonnez-vous à notre', 'Recevez notre newsletter', 'dans votre boîte mail', 'dans votre boîte de réception', 'Déjà abonné', 'pour lire la suite'],
  es: ['Suscríbete a nuestro', 'Suscríbase a nuestro', 'Recibe nuestro boletín', 'en tu bandeja de entrada', 'en tu correo', 'Ya eres suscriptor', 'para seguir leyendo'],
  de: ['Abonnieren Sie unseren', 'Melden Sie sich für unseren', 'Newsletter abonnieren', 'in Ihr Postfach', 'Jetzt abonnieren', 'um weiterzulesen'],
  pt: ['Assine nossa newsletter', 'Inscreva-se na nossa', 'Receba nossa newsletter', 'na sua caixa de entrada', 'Já é assinante', 'para continuar lendo'],
  it: ['Iscriviti alla nostra newsletter', 'Iscriviti alla newsletter', 'nella tua casella', 'Sei già abbonato', 'per continuare a leggere'],
  ru: ['Подпишитесь на нашу рассылку', 'Подпишитесь на наш', 'Подписывайтесь на наш'],
  ar: ['اشترك في نشرتنا', 'اشترك في النشرة', 'للاشتراك في النشرة', 'اشترك في قناتنا', 'تابعونا على'],
  tr: ['Bültenimize abone olun', 'e-posta bültenimize', 'Abone olmak için'],
  fa: ['در خبرنامه ما عضو شوید', 'عضو کانال'],
  zh: ['订阅我们的', '关注我们的微信', '扫码关注', '訂閱我們的'],
  ja: ['メールマガジンに登録', 'ニュースレターに登録', '会員登録すると'],
};

/** Labels that open the closing boilerplate of a press release ("Media contact", "Forward-looking statements"). */
const RELEASE_BOILERPLATE: Table = {
  en: ['Media contact', 'Media contacts', 'Press contact', 'Press contacts', 'Media inquiries', 'Media enquiries', 'Investor contact', 'Investor contacts', 'Investor relations contact', 'Forward-looking statements', 'Safe harbor statement', 'Cautionary statement regarding forward-looking statements'],
  fr: ['Contact presse', 'Contacts presse', 'Relations presse', 'Contact médias', 'Contacts médias'],
  es: ['Contacto de prensa', 'Contactos de prensa', 'Contacto para medios', 'Contacto con medios'],
  de: ['Pressekontakt', 'Medienkontakt', 'Kontakt für Medien', 'Zukunftsgerichtete Aussagen'],
  pt: ['Contato para imprensa', 'Contatos para imprensa', 'Contato com a imprensa', 'Contacto de imprensa'],
  it: ['Contatti stampa', 'Contatto stampa', 'Ufficio stampa'],
  nl: ['Perscontact', 'Mediacontact'],
  ru: ['Контакты для СМИ', 'Контакт для СМИ'],
  ar: ['للتواصل الإعلامي', 'جهة الاتصال الإعلامية', 'للاستفسارات الإعلامية'],
  tr: ['Basın iletişim', 'Medya iletişim'],
  zh: ['媒体联系人', '媒體聯絡人', '媒体联系'],
  ja: ['報道関係者お問い合わせ先', '本件に関するお問い合わせ'],
};

/** "About ACME": the words before the name in a press release's company description (languages that put them first). */
const ABOUT_LABELS: Table = {
  en: ['About'], fr: ['À propos de', 'À propos d\'', 'A propos de'], es: ['Acerca de', 'Sobre'], de: ['Über'], pt: ['Sobre'],
  it: ['Informazioni su', 'A proposito di'], nl: ['Over'], ru: ['О компании'], ar: ['نبذة عن', 'عن شركة'], zh: ['关于', '關於'],
};

/**
 * Image credits as pages print them under a picture: who supplied or sold the picture, not who published
 * the article. A source value that is one of these (or holds one between slashes, "via" or "for") is
 * a credit line, never the article's source.
 */
const IMAGE_CREDITS: Table = {
  en: ['Supplied', 'Supplied photo', 'Supplied image', 'Getty Images', 'Getty', 'iStock', 'iStockphoto', 'Shutterstock', 'Alamy', 'Alamy Stock Photo',
    'AP Photo', 'File photo', 'File image', 'File', 'Handout', 'Handout photo', 'Stock image', 'Stock photo', 'Unsplash', 'Pexels', 'Pixabay',
    'Wikimedia Commons', 'Creative Commons', 'Public domain', 'Screenshot', 'Screengrab', 'Social media'],
  ar: ['مواقع التواصل', 'مواقع التواصل الاجتماعي', 'وسائل التواصل الاجتماعي', 'منصات التواصل', 'أرشيفية', 'أرشيف', 'صورة أرشيفية', 'غيتي', 'غيتي إيميجز', 'جيتي', 'متداولة', 'صورة متداولة', 'لقطة شاشة'],
  fr: ['DR', 'Droits réservés', 'Archives', 'Capture d’écran', 'Photo fournie', 'Image d’illustration', 'Illustration'],
  es: ['Archivo', 'Cedida', 'Captura de pantalla', 'Imagen de archivo', 'Foto de archivo'],
  de: ['Archiv', 'Archivbild', 'Symbolbild', 'Screenshot', 'privat', 'dpa-Bildfunk'],
  pt: ['Divulgação', 'Arquivo', 'Reprodução', 'Foto de arquivo'],
  it: ['Archivio', 'Foto d’archivio'],
  ru: ['Архив', 'Скриншот', 'Пресс-служба', 'Соцсети'],
  tr: ['Arşiv', 'Dosya fotoğrafı', 'Sosyal medya'],
  fa: ['آرشیو', 'شبکه‌های اجتماعی'],
  zh: ['资料图', '資料圖', '网络图片', '網絡圖片', '视觉中国', '截图', '截圖', '图片来源网络'],
  ja: ['資料写真', 'ゲッティ', '提供写真'],
};

/** Words that open a credit line without a colon ("Courtesy of …", "Photo by …"), besides CREDIT_LABELS: who took or gave the picture follows. */
const CREDIT_OPENERS: Table = {
  en: ['Courtesy of', 'Photo by', 'Photos by', 'Image by', 'Picture by', 'Photograph by', 'Pictured by', 'Image courtesy of'],
  ar: ['بعدسة', 'تصوير', 'بإذن من'],
  fr: ['Avec l’aimable autorisation de', 'Photo de'],
  es: ['Cortesía de', 'Foto de', 'Fotografía de'],
  de: ['Mit freundlicher Genehmigung', 'Foto von'],
  pt: ['Cortesia de', 'Foto de'],
  it: ['Per gentile concessione di', 'Foto di'],
  ru: ['Фото предоставлено'],
};

/**
 * Story-kind labels that prefix headlines ("VIDEO: …", "شاهد: …", "動画：…"): unlike a photo credit,
 * a line opening with one and a colon can still be the headline of a video or live story.
 */
const MEDIA_KIND_LABELS: Table = {
  en: ['Video', 'Watch', 'Live', 'Audio', 'Podcast', 'Listen'],
  ar: ['فيديو', 'شاهد', 'بالفيديو', 'مباشر', 'بث مباشر'],
  fr: ['Vidéo', 'Direct', 'En direct', 'Podcast'],
  es: ['Vídeo', 'Video', 'En directo', 'En vivo', 'Podcast'],
  de: ['Video', 'Live', 'Liveticker', 'Podcast'],
  pt: ['Vídeo', 'Ao vivo', 'Podcast'],
  it: ['Video', 'Diretta', 'Podcast'],
  ru: ['Видео', 'Онлайн', 'Трансляция'],
  tr: ['Video', 'Canlı', 'İzle'],
  fa: ['ویدیو', 'فیلم', 'زنده'],
  zh: ['视频', '視頻', '直播'],
  ja: ['動画', 'ライブ', '速報'],
};

/** Ordinal heading openers ("First,", "أولاً:"): a short line starting with one introduces a section. */
const ORDINAL_HEADINGS: Table = {
  en: ['First', 'Second', 'Third', 'Fourth', 'Fifth', 'Sixth', 'Finally', 'Firstly', 'Secondly', 'Thirdly'],
  ar: ['أولاً', 'أولا', 'ثانياً', 'ثانيا', 'ثالثاً', 'ثالثا', 'رابعاً', 'رابعا', 'خامساً', 'خامسا', 'سادساً', 'سادسا', 'سابعاً', 'سابعا', 'أخيراً', 'أخيرا'],
  fr: ['Premièrement', 'Deuxièmement', 'Troisièmement', 'Enfin'],
  es: ['Primero', 'Segundo', 'Tercero', 'Primera', 'Segunda', 'Tercera'],
  de: ['Erstens', 'Zweitens', 'Drittens'],
  pt: ['Primeiro', 'Segundo', 'Terceiro'],
  it: ['Primo', 'Secondo', 'Terzo'],
  ru: ['Во-первых', 'Во-вторых', 'В-третьих'],
  tr: ['Birincisi', 'İkincisi', 'Üçüncüsü'],
  fa: ['اول', 'دوم', 'سوم', 'نخست'],
  zh: ['一、', '二、', '三、', '四、', '五、', '第一', '第二', '第三'],
  ja: ['第一に', '第二に', '第三に'],
};

/** Nouns that name a publisher in a disclaimer ("... of the X network"): the name follows. */
const PUBLISHER_NOUNS: Table = {
  en: ['network', 'website', 'newspaper', 'channel'],
  ar: ['شبكة', 'موقع', 'قناة', 'صحيفة', 'جريدة', 'وكالة'],
  fr: ['réseau', 'site', 'journal', 'chaîne'],
  es: ['red', 'sitio', 'periódico', 'diario', 'canal'],
  de: ['Netzwerk', 'Website', 'Zeitung', 'Sender'],
};

const NON_ASCII = /[^\u0000-\u007F]/u;
const ARABIC = /[\u0600-\u06FF]/u;

/** Folds what differs between spellings of one marker: case, hamza/alef forms, diacritics, tatweel, quotes. */
export function markerKey(text: string): string {
  let s = text;
  if (NON_ASCII.test(s)) {
    s = s.normalize('NFKC');
    if (ARABIC.test(s)) {
      s = s.replace(/[\u064B-\u0652\u0670\u0640]/gu, '') // harakat, dagger alef, tatweel
        .replace(/[أإآٱ]/gu, 'ا')
        .replace(/ى/gu, 'ي');
    }
    s = s.replace(/[’‘`´]/gu, "'").replace(/[\u200c\u00A0]/gu, ' '); // ZWNJ (Persian) spells the same label with or without it
  }
  return withoutEdges(foldSpaces(s.toLowerCase())).trim();
}

/**
 * Characters of the BMP by the edges `withoutEdges` trims: bit 1 white space or punctuation ([\s\p{P}]), bit 2
 * that or a symbol ([\s\p{P}\p{S}]), bit 4 classified (0: not yet). Other code points go by the patterns.
 */
const edgeClasses = new Uint8Array(0x10000);
const TRAILING = 1;
const LEADING = 2;
const trailingChar = /^[\s\p{P}]$/u;
const leadingChar = /^[\s\p{P}\p{S}]$/u;
const edgeClassOf = (ch: string) => (trailingChar.test(ch) ? TRAILING : 0) | (leadingChar.test(ch) ? LEADING : 0) | 4;

/** The edge class of the code point that starts at `i` (`width`: its code units), as the patterns read it with the `u` flag. */
function edgeClassAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) return edgeClassOf(s.slice(i, i + 2));
  let k = edgeClasses[c]!;
  if (!k) edgeClasses[c] = k = edgeClassOf(s[i]!);
  return k;
}

/**
 * `s.replace(/^[\s\p{P}\p{S}]+|[\s\p{P}]+$/gu, (m) => (m.includes('©') ? '©' : ''))` (a leading © is kept), by a
 * scan from each end instead of a match tried at every character. The trailing run cannot reach into the
 * leading one: the first character after that is neither, so the trailing run starts after it.
 */
function withoutEdges(s: string): string {
  let start = 0;
  while (start < s.length && edgeClassAt(s, start) & LEADING) start += s.codePointAt(start)! > 0xffff ? 2 : 1;
  let end = s.length;
  while (end > start) {
    const pair = end >= 2 && (s.charCodeAt(end - 1) & 0xfc00) === 0xdc00 && (s.charCodeAt(end - 2) & 0xfc00) === 0xd800;
    const at = pair ? end - 2 : end - 1;
    if (!(edgeClassAt(s, at) & TRAILING)) break;
    end = at;
  }
  if (!start && end === s.length) return s;
  const lead = start && s.slice(0, start).includes('©') ? '©' : '';
  return lead + s.slice(start, end);
}

const flatten = (t: Table): string[] => Object.values(t).flat();

/** Every boilerplate table by category, flattened over languages. */
export const MARKERS: Record<MarkerCategory, readonly string[]> = {
  ad: flatten(AD_LABELS),
  readAlso: flatten(READ_ALSO),
  related: flatten(RELATED),
  mostRead: flatten(MOST_READ),
  share: flatten(SHARE),
  skip: [...flatten(SKIP), ...flatten(PAGE_TOP)],
  cookie: flatten(COOKIE),
  newsletter: flatten(NEWSLETTER),
  app: flatten(APP),
  disclaimer: flatten(DISCLAIMER),
  copyright: flatten(COPYRIGHT),
  footer: flatten(FOOTER),
  social: SOCIAL_NAMES,
  comments: flatten(COMMENTS),
  nav: flatten(NAV),
};

/** Label tables flattened over languages. */
export const LABEL_WORDS: Record<LabelKind, readonly string[]> = {
  date: flatten(LABELS.date),
  updated: flatten(LABELS.updated),
  source: flatten(LABELS.source),
  tags: flatten(LABELS.tags),
  author: flatten(LABELS.author),
};

export const ORDINAL_WORDS: readonly string[] = flatten(ORDINAL_HEADINGS);
export const CAPTION_WORDS: readonly string[] = flatten(CAPTION_LABELS);
export const CREDIT_WORDS: readonly string[] = flatten(CREDIT_LABELS);
export const CAPTION_OPENER_WORDS: readonly string[] = flatten(CAPTION_OPENERS);
export const COUNTER_OF_WORDS: readonly string[] = flatten(COUNTER_OF);
export const SCRIPT_NOTICE_WORDS: readonly string[] = flatten(SCRIPT_NOTICES);
export const READER_PROMPT_WORDS: readonly string[] = flatten(READER_PROMPTS);
export const RELEASE_BOILERPLATE_WORDS: readonly string[] = flatten(RELEASE_BOILERPLATE);
export const ABOUT_WORDS: readonly string[] = flatten(ABOUT_LABELS);
export const MEDIA_KIND_WORDS: readonly string[] = flatten(MEDIA_KIND_LABELS);
export const PAGE_TOP_WORDS: readonly string[] = flatten(PAGE_TOP);
export const IMAGE_CREDIT_WORDS: readonly string[] = flatten(IMAGE_CREDITS);
export const CREDIT_OPENER_WORDS: readonly string[] = flatten(CREDIT_OPENERS);
export const PUBLISHER_WORDS: readonly string[] = flatten(PUBLISHER_NOUNS);

// ---------------------------------------------------------------------------------------------------
// Building patterns from word lists (one helper for every path)
// ---------------------------------------------------------------------------------------------------

/** A literal string made safe inside a regular expression. */
export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

/** Longest first, so an alternation prefers "Published on" over "Published". */
export const byLength = (a: string, b: string): number => b.length - a.length;

/** One alternation from a word list: unique, longest first, each word passed through `toPattern` (escaped by default). */
export function alternation(words: readonly string[], toPattern: (word: string) => string = escapeRe): string {
  return [...new Set(words)].sort(byLength).map(toPattern).join('|');
}

// ---------------------------------------------------------------------------------------------------
// Date-line markers (read by shared/core/meta/dates.ts for both paths)
// ---------------------------------------------------------------------------------------------------

export type DateMarkerKind = 'published' | 'updated';

export interface DateMarker {
  /** The marker as it is usually written (matching folds case, hamza forms and diacritics). */
  text: string;
  lang: string;
  kind: DateMarkerKind;
}

const M = (lang: string, kind: DateMarkerKind, ...texts: string[]): DateMarker[] => texts.map((text) => ({ text, lang, kind }));

/** Words that introduce a date line: published vs updated. */
export const DATE_LINE_MARKERS: readonly DateMarker[] = [
  ...M('ar', 'published', 'تاريخ النشر', 'نشر في', 'نشر بتاريخ', 'تم النشر', 'تاريخ الإضافة', 'أضيف في', 'نشر', 'بتاريخ'),
  ...M('ar', 'updated', 'آخر تحديث', 'تاريخ التحديث', 'تم التحديث', 'آخر تعديل', 'محدث', 'تحديث'),
  ...M('fa', 'published', 'تاریخ انتشار', 'منتشر شده', 'زمان انتشار', 'انتشار'),
  ...M('fa', 'updated', 'به‌روزرسانی', 'بروزرسانی', 'آخرین به‌روزرسانی'),
  ...M('en', 'published', 'Published on', 'Published', 'First published', 'Posted on', 'Posted', 'Date', 'Dated', 'Released'),
  ...M('en', 'updated', 'Last updated', 'Updated on', 'Updated', 'Last modified', 'Modified'),
  ...M('fr', 'published', 'Publié le', 'Publié', 'Mis en ligne le', 'Paru le'),
  ...M('fr', 'updated', 'Mis à jour le', 'Mis à jour', 'Actualisé le'),
  ...M('es', 'published', 'Publicado el', 'Publicado', 'Fecha de publicación'),
  ...M('es', 'updated', 'Actualizado el', 'Actualizado', 'Última actualización'),
  ...M('pt', 'published', 'Publicado em', 'Publicado'),
  ...M('pt', 'updated', 'Atualizado em', 'Atualizado', 'Actualizado em'),
  ...M('de', 'published', 'Veröffentlicht am', 'Veröffentlicht', 'Erschienen am', 'Datum'),
  ...M('de', 'updated', 'Aktualisiert am', 'Aktualisiert', 'Zuletzt aktualisiert', 'Stand'),
  ...M('it', 'published', 'Pubblicato il', 'Pubblicato', 'Data di pubblicazione'),
  ...M('it', 'updated', 'Aggiornato il', 'Aggiornato', 'Ultimo aggiornamento'),
  ...M('nl', 'published', 'Gepubliceerd op', 'Gepubliceerd', 'Geplaatst op'),
  ...M('nl', 'updated', 'Bijgewerkt op', 'Bijgewerkt', 'Laatst bijgewerkt'),
  ...M('ru', 'published', 'Опубликовано', 'Дата публикации'),
  ...M('ru', 'updated', 'Обновлено', 'Дата обновления'),
  ...M('uk', 'published', 'Опубліковано'),
  ...M('uk', 'updated', 'Оновлено'),
  ...M('tr', 'published', 'Yayınlanma tarihi', 'Yayınlanma', 'Yayın tarihi', 'Yayınlandı'),
  ...M('tr', 'updated', 'Güncellenme tarihi', 'Güncellenme', 'Güncelleme', 'Son güncelleme'),
  ...M('pl', 'published', 'Opublikowano', 'Data publikacji'),
  ...M('pl', 'updated', 'Aktualizacja', 'Zaktualizowano'),
  ...M('cs', 'published', 'Publikováno', 'Zveřejněno'),
  ...M('cs', 'updated', 'Aktualizováno'),
  ...M('id', 'published', 'Diterbitkan', 'Dipublikasikan'),
  ...M('id', 'updated', 'Diperbarui'),
  ...M('zh', 'published', '发布时间', '发布日期', '發布時間', '發佈時間', '发表时间', '發表時間'),
  ...M('zh', 'updated', '更新时间', '更新時間', '最后更新', '最後更新'),
  ...M('ja', 'published', '公開日', '投稿日', '掲載日', '配信日', '公開'),
  ...M('ja', 'updated', '更新日', '最終更新'),
  ...M('ko', 'published', '입력', '작성일', '게시일', '등록일', '기사입력', '발행일'),
  ...M('ko', 'updated', '수정', '업데이트', '최종수정'),
];

// ---------------------------------------------------------------------------------------------------
// Box labels and byline prefixes (HTML path; patterns, matched on a whole short label)
// ---------------------------------------------------------------------------------------------------

/** Labels of related-headline boxes ("read also", "ذات صلة", "関連記事" …), as regex fragments. */
export const RELATED_LABEL_PHRASES: readonly string[] = [
    'related(?: (?:articles?|stories|posts|content|news|coverage|topics))?', 'read (?:also|more|next)', 'see also', 'also read', 'more (?:stories|news|on this|from|like this)[^.!?]{0,30}',
    'you (?:may|might) (?:also )?(?:like|be interested in)', 'recommended(?: for you)?', 'most (?:read|popular|viewed)', 'trending(?: now)?', 'further reading', "what to read next", 'top stories',
    'lire aussi', 'à lire aussi', 'a lire aussi', 'voir aussi', 'sur le même sujet', 'articles? (?:liés|similaires)', 'les plus lus',
    'lesen sie auch', 'mehr zum thema', 'auch interessant', 'das könnte sie auch interessieren', 'ähnliche artikel', 'meistgelesen',
    'lea también', 'leer más', 'te puede interesar', 'noticias relacionadas', 'relacionad[oa]s', 'más leídas', 'leia também', 'veja também', 'mais lidas',
    'leggi anche', 'articoli correlati', 'potrebbe interessarti', 'читайте также', 'похожие (?:новости|статьи)', 'по теме',
    'اقرأ أيضا', 'اقرأ أيضاً', 'اقرأ ايضا', 'إقرأ أيضا', 'إقرأ أيضاً', 'اقرأ المزيد', 'مواضيع ذات صلة', 'مقالات ذات صلة', 'أخبار ذات صلة', 'ذات صلة', 'الأكثر قراءة', 'الأكثر مشاهدة', 'قد يهمك',
    'بیشتر بخوانید', 'مطالب مرتبط', 'ilgili haberler', 'bunlar da ilginizi çekebilir', 'baca juga', 'berita terkait',
    '相关阅读', '相关新闻', '相關新聞', '延伸阅读', '延伸閱讀', '推荐阅读', '関連記事', '関連ニュース', '관련 기사', '관련기사',
];

/** Labels of share, newsletter and cookie boxes in several languages, as regex fragments. */
export const WIDGET_LABEL_PHRASES: readonly string[] = [
    'share(?: (?:this|on|via)[^.!?]{0,30})?', 'partager(?: sur[^.!?]{0,30})?', 'teilen', 'compartir', 'condividi', 'compartilhar', 'поделиться', 'paylaş', 'bagikan', 'delen',
    'مشاركة', 'شارك', 'شارك(?:ها)? (?:على|عبر)[^.!?]{0,30}', 'اشترك', 'اشترك في النشرة[^.!?]{0,30}', 'النشرة البريدية', 'هم‌رسانی',
    '分享', '分享到', 'シェア', '공유',
    'sign up(?: for)?[^.!?]{0,40}newsletter', 'newsletter', 'subscribe(?: to)?[^.!?]{0,40}', "s'abonner[^.!?]{0,40}", 'abonnez-vous[^.!?]{0,40}', 'newsletter abonnieren', 'suscríbete[^.!?]{0,40}',
    'cookie (?:settings|policy|preferences)', 'advertisement', 'publicité', 'anzeige', 'publicidad', 'إعلان', 'اعلان', '广告',
];

/**
 * Words a byline element may open with besides the author labels (LABEL_WORDS.author): an HTML byline is
 * known to be one by its markup, so looser openings ("From", "Photos by") are safe there, not in plain text.
 */
const HTML_BYLINE_OPENINGS = ['From', 'Da', 'Story by', 'Text by', 'Reporting by', 'Photos by', 'Photo by', 'Door', 'Av', 'Af', 'Przez', 'Від', 'بواسطة', 'تحرير', 'اعداد', 'نوشته', 'Yazan', 'Oleh', '文'];

/** "By", "Par", "Von", "بقلم" … in front of a byline: the author labels and the HTML-only openings, one pattern. */
export const bylinePrefix = lazy(() => new RegExp(
  `^(?:${alternation([...LABEL_WORDS.author, ...HTML_BYLINE_OPENINGS])})(?:\\s*[:：]\\s*|\\s+|(?<=\\p{Script=Han}|\\p{Script=Hangul})\\s*)`,
  'iu',
));
