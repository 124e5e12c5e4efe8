// Opens a BankInsight report (an HTML file) in Debian's headless Chromium and checks what a reader
// would see: no console error or page error, no request leaving the page (it must be
// self-contained), every figure's SVG drawn at a real size, and Chinese text drawn with glyphs of
// a CJK font rather than the empty boxes a machine without one shows. Prints a JSON summary;
// exits 1 on any problem. Usage: node check-report.mjs report.html [screenshot.png]
import { chromium } from 'playwright-core';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [file, screenshot] = process.argv.slice(2);
if (!file) { console.error('usage: node check-report.mjs report.html [screenshot.png]'); process.exit(2); }

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
const problems = [];
page.on('console', m => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
page.on('pageerror', e => problems.push(`page error: ${e.message}`));
const url = pathToFileURL(resolve(file)).href;
page.on('request', r => { if (r.url() !== url) problems.push(`request left the page: ${r.url()}`); });
await page.goto(url, { waitUntil: 'load' });

const figures = await page.$$eval('figure', fs => fs.map(f => {
  const svg = f.querySelector('svg');
  const box = svg ? svg.getBoundingClientRect() : null;
  return { id: f.id, width: Number(f.dataset.width), height: Number(f.dataset.height),
           svgWidth: svg ? Number(svg.getAttribute('width')) : 0, svgHeight: svg ? Number(svg.getAttribute('height')) : 0,
           drawnWidth: box ? box.width : 0, drawnHeight: box ? box.height : 0, texts: svg ? svg.querySelectorAll('text').length : 0 };
}));
for (const f of figures) {
  if (f.svgWidth !== f.width || f.svgHeight !== f.height) problems.push(`${f.id}: SVG is ${f.svgWidth}x${f.svgHeight}, the page says ${f.width}x${f.height}`);
  if (!(f.drawnWidth > 100 && f.drawnHeight > 50)) problems.push(`${f.id}: drawn at ${f.drawnWidth}x${f.drawnHeight}`);
  if (f.texts === 0) problems.push(`${f.id}: no text in the chart`);
}
const sections = await page.$$eval('section', ss => ss.map(s => s.id));

// Glyphs, not boxes: draw a Chinese label and two private-use characters (which no font has, so
// they come out as the missing-glyph box) in the page's own font; a CJK font makes them differ.
const glyphs = await page.evaluate(() => {
  const font = getComputedStyle(document.body).fontFamily;
  const draw = text => {
    const c = document.createElement('canvas'); c.width = 120; c.height = 40;
    const g = c.getContext('2d'); g.font = `24px ${font}`; g.fillStyle = '#000'; g.fillText(text, 4, 30);
    return { data: Array.from(g.getImageData(0, 0, 120, 40).data), width: g.measureText(text).width };
  };
  const chinese = draw('流失'), boxes = draw('\uE000\uE001');
  let different = 0;
  for (let i = 3; i < chinese.data.length; i += 4) if (chinese.data[i] !== boxes.data[i]) different++;
  const inked = chinese.data.filter((v, i) => i % 4 === 3 && v > 0).length;
  return { font, differentPixels: different, inkedPixels: inked, width: chinese.width };
});
if (glyphs.differentPixels < 50 || glyphs.inkedPixels < 50) problems.push(`Chinese text is drawn as boxes (${glyphs.differentPixels} pixels differ from the missing-glyph box): install a CJK font (Debian: fonts-noto-cjk)`);

if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
await browser.close();
console.log(JSON.stringify({ file, sections, figures: figures.length, glyphs: { font: glyphs.font, differentPixels: glyphs.differentPixels, inkedPixels: glyphs.inkedPixels }, problems }, null, 2));
process.exit(problems.length ? 1 : 0);
