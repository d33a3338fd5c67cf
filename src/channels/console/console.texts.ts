/** Every line the terminal chat shows a person, in one place. */
export const consoleTexts = {
  welcome: (userid: string) => `提案通 终端对话（身份：${userid}）。直接输入文字发送；卡片按钮输入序号选择；输入 /退出 结束。`,
  prompt: '> ',
  choose: '请选择（输入序号）：',
  cardUpdated: (what: string) => `【卡片已更新】${what}`,
  bye: '再见。',
  failed: '处理这条消息时出错了，请稍后再试。',
  exitWords: ['/退出', '/exit', '/quit'],
} as const;
