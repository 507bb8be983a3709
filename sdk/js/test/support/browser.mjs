// Headless Chromium through playwright-core: Debian's /usr/bin/chromium (or $CHROMIUM), never a downloaded build.
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
}

/** Fails the test on any uncaught error of the page, and keeps its console for the failure message. */
export function watchPage(page, logs = []) {
  page.on("console", (message) => logs.push(`${message.type()}: ${message.text()}`));
  page.on("pageerror", (error) => logs.push(`pageerror: ${error.message}`));
  return logs;
}
