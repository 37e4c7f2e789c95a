/**
 * The most frequent function words per language, for jusText's stopword density: running prose is
 * dense in them, menus, link runs and labels are not. Lists are short on purpose (the top ~60–120
 * words carry the signal); they are read as one union, so a page needs no language guess first.
 * Scripts written without spaces (zh, ja, th, my) use particle characters instead (particleChars).
 */
import { lazy } from '../lazy.js';
const LISTS: Record<string, string> = {
  en: `a about above after again against all also am an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers him his how i if in into is it its itself just me more most my no nor not now of off on once only or other our ours out over own same she should so some such than that the their theirs them then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your yours however although though yet said says according its it's don't can't won't`,
  ar: `في من على إلى الى عن مع أن ان إن لا ما هذا هذه ذلك تلك التي الذي الذين كان كانت يكون قد لم لن كما أو او ثم بعد قبل بين حتى عند عندما لكن لكنه إذا اذا كل أي اي غير هو هي هم هن نحن أنا انا أنه انه أنها انها وقد وفي ومن وعلى وأن وان ولا وهو وهي التى فى الى علي أيضا ايضا منذ خلال حول ضد دون لدى لها له لهم بها به فيها فيه منها منه عليها عليه إلا الا بل ولم ولكن وكان وكانت حيث كذلك هناك هنا إنه إنها أما اما فإن وإن يتم تم`,
  fr: `le la les un une des du de d l et à a au aux en dans par pour sur avec sans sous ce cette ces cet qui que qu quoi dont où est sont été être avoir a ont avait il elle ils elles on nous vous je tu ne pas plus mais ou donc or ni car se sa son ses leur leurs lui y comme aussi tout tous toute toutes même si entre après avant chez très fait peut`,
  es: `el la los las un una unos unas de del al a en y o u que qué quien con por para sin sobre entre es son fue fueron ser ha han había se su sus lo le les no más pero como también muy ya este esta estos estas ese esa eso hay porque cuando donde sino ni me mi nos está están ser sido hasta desde durante todo todos`,
  de: `der die das den dem des ein eine einen einem einer eines und oder aber in im ins an am auf aus bei mit nach von vom zu zum zur für über unter vor durch gegen ohne um ist sind war waren wird werden wurde hat haben hatte es er sie wir ihr ich du nicht auch noch nur so wie als wenn dass daß sich sein seine ihre dieser diese dieses man kann mehr schon sehr bis`,
  pt: `o a os as um uma uns umas de do da dos das em no na nos nas por pelo pela para com sem sobre entre e ou que se é são foi foram ser ter tem têm há não mais mas como também já muito seu sua seus suas ele ela eles elas isso este esta esse essa ao aos à às quando onde porque até desde`,
  it: `il lo la i gli le un uno una di del della dei delle degli da dal dalla in nel nella nei con su sul sulla per tra fra e ed o che chi non è sono era stato essere ha hanno aveva si suo sua suoi sue loro anche più ma come se questo questa quello quella ci ne al alla ai alle quando dove perché molto già`,
  ru: `и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее её мне было вот от меня еще ещё нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под будет это этот эта этого также который которые которая`,
  tr: `ve ile bir bu da de için gibi daha çok en ama ancak olarak olan oldu olduğu sonra önce kadar göre değil mi mı ise ya veya her şey şu o bu ki ne nasıl neden çünkü hem bile ayrıca yani diye tarafından üzerinde içinde arasında`,
  fa: `و در به از که این را با است برای آن یک تا هم بر او ما من شما آنها بود شد می نمی شده کرد کرده کند کنند خود یا اما اگر هر نیز پس بین باید پیش روی دیگر همه چه چون زیرا وی ها های ای`,
  nl: `de het een en van in op te dat die is zijn was met voor aan door niet ook als maar om bij naar er of dan wel zo nog al uit over`,
  pl: `i w na z do że się nie to jest o jak po co ale od za przez dla jego jej tak już czy są był była było oraz także`,
  id: `dan di yang untuk dengan dari ini itu pada dalam tidak akan ke ada juga oleh karena atau sebagai bahwa telah sudah mereka kami kita`,
  cs: `a v na se je že s z do to o k i jako po ale by jsou byl byla bylo pro jeho její tak už také nebo od`,
  sv: `och i att det som en på är av för med till den har de inte om ett han hon var men jag vi så från kan sig man när ska även också vid efter under eller hade nu bara än`,
  da: `og i at det er en til på som de med for af ikke den har et var men jeg vi så fra kan sig om efter også eller havde blev bliver skal`,
  no: `og i er det som på en til av for med at ikke den har de et var men jeg vi så fra kan seg om etter også eller hadde ble blir skal`,
  ro: `și în la de cu pe că nu o un una este sunt a fost au mai din care ce pentru sau dar se să le lui ei el ea acest această după până între fără despre`,
  hu: `a az és hogy nem is egy de van volt meg már csak mint még ez azt ki be el fel le ha vagy kell lesz lett után alatt között szerint pedig`,
  fi: `ja on ei se että oli ovat mutta kun tai myös jo kuin niin hän he me te mitä joka jotka sen sitä tämä nämä ole olla vain vielä koska`,
  uk: `і й в у на з що не як до за від по це та а але він вона вони ми ви я його її їх був була було були буде є також який яка які щоб для під при про через коли вже ще тільки або чи ж бо`,
  el: `και το η ο τα του της των τον την σε στο στη στην στον στα με για από που να δεν θα είναι ήταν έχει έχουν αλλά ή ως κατά μετά πριν όπως αυτό αυτή αυτός αυτά ένα μια μία ένας τι όταν όμως επίσης οι τους τις`,
  he: `של את על עם לא כי זה זו גם הוא היא הם הן אני אנחנו אבל או אם כל יש אין היה הייתה היו יהיה לו לה להם בין אחרי לפני עד כמו רק עוד כבר מה מי איך למה אשר שלא אך כך אל מן אותו אותה שם כאן היום אמר אמרה`,
  ko: `이 그 저 것 수 등 및 또 또는 그리고 하지만 그러나 있다 없다 했다 한다 하는 있는 위해 대한 대해 통해 따라 때문에 이번 지난 가장 더 또한 것으로 것이다 밝혔다 말했다`,
  hi: `का के की है में और को से पर यह वह था थी थे हैं भी नहीं कि एक लिए तो ही कर किया गया गई हो रहा रही ने इस उस जो तक या अब बाद साथ`,
  vi: `và của là có được trong cho với không các những một người này đã sẽ đến từ khi về để như cũng nhưng theo tại bị vào ra nhiều hơn rất đó thì`,
};

/**
 * Languages that write their function words as one-letter prefixes of the next word (Hebrew: ו "and",
 * ה "the", ב "in", ל "to"): their running prose holds few free-standing function words, so a word that
 * opens with such a prefix counts as one for the density. (Arabic's prefixed forms are in its list.)
 */
const PROCLITIC_WORD = /^[והבל][\p{Script=Hebrew}]{3,}$/u;
export const hasProclitic = (word: string) => PROCLITIC_WORD.test(word);

/** One set over all languages: a token from any list counts. */
export const stopwords = lazy((): ReadonlySet<string> => new Set(
  Object.values(LISTS).flatMap((l) => l.split(/\s+/u)).filter(Boolean).map((w) => w.toLowerCase()),
));

/**
 * Function words of scripts written without spaces whose words a dictionary finds (Intl.Segmenter's
 * word granularity: Thai, Burmese), for the same density; formal and spoken forms both, as news sites
 * write either.
 */
const SEGMENTED_LISTS: Record<string, string> = {
  th: `ที่ และ ของ ใน เป็น ได้ ให้ มี การ ว่า จะ ไม่ ก็ ไป มา แล้ว กับ ความ นี้ ซึ่ง โดย จาก แต่ หรือ อยู่ คือ เพื่อ ถึง กัน ต้อง เขา ยัง อย่าง นั้น เมื่อ ทำ ทั้ง ขึ้น ตาม จึง ไว้ ด้วย เรา ผู้ อีก กว่า เคย ถูก ทาง ระหว่าง ตั้งแต่ หลัง ก่อน นั่น เช่น ได้แก่ ทุก บาง คง เอง ต่อ แก่ แห่ง ขณะ หาก ถ้า`,
  my: `သည် ၏ ကို မှာ တွင် နှင့် ၍ သော များ က ပါ တယ် ခဲ့ မည် လည်း ဖြင့် အတွက် ရန် ပြီး သို့ ၌ မှ ကြောင်း သာ လို့ နေ ရှိ ဟု ဟာ တို့ ပေး တဲ့ တွေ နဲ့ ရဲ့ တာ လို ဘူး မယ် ပြီ ကြ ဖို့ ပဲ တော့`,
};

export const segmentedStopwords = lazy((): ReadonlySet<string> => new Set(Object.values(SEGMENTED_LISTS).flatMap((l) => l.split(/\s+/u)).filter(Boolean)));

/** Scripts with a SEGMENTED_LISTS entry. */
export const SEGMENTED_SCRIPT_RE = /[\p{Script=Thai}\p{Script=Myanmar}]/u;

/**
 * Particle and punctuation characters of running prose in scripts without spaces (Chinese, Japanese):
 * their density plays the stopword role there.
 */
export const particleChars = lazy((): ReadonlySet<string> => new Set(
  [...'的了是在和也就不都而及与着或之其这那有为以于被把对从但并很所个们她他它我你我们の、。はにをがとでたしてもなるれるからいうこと，。、！？；：「」'],
));
