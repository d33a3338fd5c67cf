/** A measure's target and progress, in every channel (chat, pages, letters, reports). */
export const measureTexts = {
  target: (target: string) => `目标 ${target}`,
  progress: (value: string, target: string, ratio: string, date?: string) => `已完成 ${value}／目标 ${target}（${ratio}${date ? `，截至${date}` : ''}）`,
  noValue: (target: string) => `目标 ${target}，尚未填报完成数`,
};
