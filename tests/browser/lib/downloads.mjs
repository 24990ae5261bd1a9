// What the page downloads, as a person's browser would save it: the page's anchor clicks are
// caught (headless browsers save nothing) and each file is read back from its blob (the page's
// policy refuses fetching a blob: address).

// Catches the page's downloads from now on.
export async function interceptDownloads(page) {
  await page.evaluate(() => {
    window.__downloads = [];
    URL.revokeObjectURL = () => {};
    const create = URL.createObjectURL; window.__blobs = new Map(); URL.createObjectURL = (b) => { const u = create(b); window.__blobs.set(u, b); return u; };
    HTMLAnchorElement.prototype.click = function () { window.__downloads.push({ name: this.download, href: this.href }); };
  });
}

// Clicks `selector` and returns the file it downloads: { name, text }.
export async function download(page, selector) {
  const count = await page.evaluate(() => window.__downloads.length);
  await page.click(selector);
  await page.waitForFunction((n) => window.__downloads.length > n, { polling: 50, timeout: 30000 }, count);
  return page.evaluate(async () => {
    const d = window.__downloads.at(-1);
    return { name: d.name, text: await window.__blobs.get(d.href).text() };
  });
}
