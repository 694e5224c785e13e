/**
 * `npm run emulators`: the VK, Telegram and YouTube emulators standalone, on fixed ports
 * (VK_EMULATOR_PORT, default 7001; TG_EMULATOR_PORT, default 7002; YT_EMULATOR_PORT, default
 * 7003). Prints URLs and tokens.
 */
import { seedVkBasics, startVkEmulator } from './vk';
import { seedYouTubeBasics, startYouTubeEmulator } from './youtube';

async function main() {
  const host = process.env.EMULATOR_HOST ?? '127.0.0.1';
  const stops: Array<() => Promise<void>> = [];

  const vk = await startVkEmulator({
    port: Number(process.env.VK_EMULATOR_PORT ?? 7001),
    host,
    maxHoldMs: 25_000,
  });
  stops.push(vk.stop);
  const demo = seedVkBasics(vk.control);
  console.log(`VK API emulator       ${vk.apiBaseUrl}`);
  console.log(`  community           ${demo.groupId} (Acme)`);
  console.log(`  group token         ${demo.groupToken}`);
  console.log(`  service token       ${demo.serviceToken}`);
  console.log(`  user token          ${demo.userToken}`);
  console.log(`  control             ${vk.url}/__control/state`);

  // Telegram: see src/emulators/telegram (started here when present).
  try {
    const tg = await import('./telegram');
    const telegram = await tg.startTelegramEmulator({
      port: Number(process.env.TG_EMULATOR_PORT ?? 7002),
      host,
      maxHoldMs: 25_000,
    });
    stops.push(telegram.stop);
    console.log(`Telegram Bot API emu  ${telegram.apiRoot}`);
    console.log(`  bot token           ${tg.DEFAULT_BOT_TOKEN}`);
    console.log(`  control             ${telegram.url}/__control/state`);
  } catch (err) {
    console.warn(`Telegram emulator not started: ${(err as Error).message}`);
  }

  const yt = await startYouTubeEmulator({ port: Number(process.env.YT_EMULATOR_PORT ?? 7003), host });
  stops.push(yt.stop);
  const channel = seedYouTubeBasics(yt.control);
  console.log(`YouTube Data API emu  ${yt.apiBaseUrl}`);
  console.log(`  OAuth token URL     ${yt.tokenUrl}`);
  console.log(`  channel             ${channel.channelId} (${channel.channelTitle})`);
  console.log(`  client id / secret  ${channel.clientId} / ${channel.clientSecret}`);
  console.log(`  refresh token       ${channel.refreshToken}`);
  console.log(`  control             ${yt.url}/__control/state`);

  const shutdown = async () => {
    await Promise.allSettled(stops.map((stop) => stop()));
    process.exit(0);
  };
  // shutdown() cannot reject: allSettled, then exit.
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
