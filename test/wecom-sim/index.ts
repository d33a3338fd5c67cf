/** The project's protocol-level WeCom simulator: HTTP API, AI-bot long connection, callback sender. */
export { WecomApiSim, type ApiSimOptions, type Delivery, type Fault } from './api-server.js';
export { WecomBotSim, type BotSimOptions, type SimFrame } from './bot-server.js';
export { CallbackSender, type CallbackSenderOptions, type SendOptions } from './callback-sender.js';
