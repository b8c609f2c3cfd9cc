// quire finds a browser itself (see src/emitters/pdf/browser.ts and
// scripts/setup.mjs): `npm install` must never try to download one,
// because most machines quire runs on have no route to the browser CDN.
module.exports = { skipDownload: true };
