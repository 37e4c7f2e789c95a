/** Small synthetic pages for the HTML extractor's unit tests. */
import { parseDocument } from 'htmlparser2';
import type { Document } from 'domhandler';

export const page = (body: string, head = '', htmlAttrs = '') =>
  `<!doctype html><html ${htmlAttrs}><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;

export const parse = (html: string): Document => parseDocument(html);

/** `n` paragraphs of prose in the given language. */
export function prose(lang: 'en' | 'ar' | 'fr' | 'zh' | 'de' | 'es', n: number, seed = ''): string {
  const sentences: Record<string, string> = {
    en: 'The council met on Tuesday to discuss the new budget, and members argued for hours about the water plan, the schools and the roads.',
    ar: 'اجتمع المجلس البلدي يوم الثلاثاء لمناقشة الميزانية الجديدة، وتجادل الأعضاء لساعات حول خطة المياه والمدارس والطرق في المدينة.',
    fr: 'Le conseil municipal s’est réuni mardi pour débattre du nouveau budget, et les élus ont discuté pendant des heures du plan pour l’eau, des écoles et des routes.',
    zh: '市议会周二召开会议讨论新的预算，议员们就供水计划、学校和道路问题争论了好几个小时，最后决定下周继续讨论。',
    de: 'Der Stadtrat traf sich am Dienstag, um über den neuen Haushalt zu beraten, und die Mitglieder stritten stundenlang über den Wasserplan, die Schulen und die Straßen.',
    es: 'El concejo municipal se reunió el martes para debatir el nuevo presupuesto, y los concejales discutieron durante horas sobre el plan de agua, las escuelas y las carreteras.',
  };
  return Array.from({ length: n }, (_, i) => `<p>${seed}${i + 1}. ${sentences[lang]} ${sentences[lang]}</p>`).join('\n');
}
