/** Small closed word lists used to tell English from Latin-typed Russian, word by word. */
const EN = `a about above after again against all already also always am amazing an and another any anyone anything app
are around as ask asked at away awful back bad be because been before being best better between big bit both bought
broke broken but buy by call called came can cancel cancelled cannot cant card charge charged cheap check come coming
could customer day days delivery did didnt do does doesnt doing done dont down each even ever every everything
experience fast few find first fix fixed for free from get gets getting give go going gone good got great guys had
has have having he hello help her here hey hi him his how however i if im in is isnt it its ive just keep know last
late least less like little long look love loved made make many may me money month more most much must my need
never new next nice no not nothing now of off ok okay old on once one only open or order ordered other our out over
own paid pay people phone place please plan price really refund right said same say see service she should since so
some someone something still stop such sure take than thank thanks that the their them then there these they thing
think this those though three through time to today too tried try two under until up update us use used very wait
waiting want was way we week well went were what when where which while who why will with without wont work worked
working works worst would wow wrong yes yet you your yours hours minutes support team staff delivered package
account app website site signal internet store shop food pizza burger coffee gym flight seat bag baggage car bank
still anyone somebody guys cool awesome terrible horrible excellent perfect amazing lovely wonderful great nice
available stock discount cost costs fee fees plan plans quote demo deal upgrade price prices ship shipping deliver
does anybody broken missing stuck tried again refund please sorry thanks thank btw lol omg wtf idk pls thx`;

const TR = `ya ty on ona my vy oni mne menya tebya nam vam vas nas u v na ne net da no i a s so k ot do za po pro iz
chto shto chto-to kak kogda gde pochemu zachem skolko skol'ko kto kakoi kakoy kakaya eto eta etot tut tam uzhe
esche eshe eshchyo opyat opyat' snova tol'ko tolko vse vsyo vsё ochen' ochen prosto voobshe voobshche nikak nichego
spasibo pozhaluista pozhaluysta privet zdravstvuite zdravstvuyte dobryi dobriy den' den vecher utro segodnya vchera
zavtra zakaz zakazal zakazala dostavka dostavku privezli prishlo prishel prishla rabotaet ne rabotaet svyaz' svyaz
internet deneg den'gi dengi nado nuzhno mozhno mogu mozhet budet byl byla bylo bili est' est nu vot tak takoi takoe
luchshii luchshaya luchshe huzhe khuzhe plokho ploho horosho khorosho otlichno super klass spasibki kupit' kupit stoit
tsena cena tarif skidka skidku nalichii nalichie kogda-nibud' dolgo zhdu zhdat' zhdat chas chasa dnya nedelyu
mesyats raz vsegda nikogda pishu pishite napishite otvet otvette pomogite podskazhite skazhite khochu hochu
bol'she bolshe men'she menshe sovsem teper' teper posle iz-za cherez bez dlya chtoby esli ili libo zhe li by`;

export const EN_WORDS: ReadonlySet<string> = new Set(EN.split(/\s+/));
export const TR_WORDS: ReadonlySet<string> = new Set(TR.split(/\s+/).filter((w) => !EN_WORDS.has(w)));
/** Character patterns typical of Latin-typed Russian and of English spelling. */
export const TR_PATTERN =
  /(zh|kh|shch|sch|ts[yi]a|[^e]ya|yu|[iy]y$|yi$|ogo$|aya$|oe$|[a-z]'|ii$|ei$|ova$|ovat|nyi$|skii$)/;
export const EN_PATTERN = /(th|wh|ck|ee|oo|ing$|tion$|ou|w|x|q|ea|ay$|ly$|ed$)/;
