import { listSpecs, geometryTarget, outputPixelSize, searchSpecs, suggestCountry, getSpec } from './src/lib/specs/index';
const specs = listSpecs();
console.log(specs.length, new Set(specs.map(s=>s.country)).size);
for (const s of specs) { const o = outputPixelSize(s); const g = geometryTarget(s); console.log(s.id.padEnd(26), o.widthPx+'x'+o.heightPx, o.dpi, o.basis, JSON.stringify(g.headHeightRatio), g.eyeFromBottomRatio?JSON.stringify(g.eyeFromBottomRatio):'', g.topMarginRatio?JSON.stringify(g.topMarginRatio):''); }
console.log(searchSpecs('中国').map(s=>s.id).join(' '));
console.log(searchSpecs('germany passport').map(s=>s.id).join(' '));
console.log(searchSpecs('中国护照').map(s=>s.id).join(' '));
console.log(searchSpecs('uk').map(s=>s.id).join(' '), '|', searchSpecs('in').map(s=>s.id).join(' '), '|', searchSpecs('日本').map(s=>s.id).join(' '), '|', searchSpecs('visa').map(s=>s.id).join(' '));
console.log(suggestCountry({languages:['en-GB'],timeZone:'Europe/London'}), suggestCountry({languages:['zh-CN'],timeZone:'Asia/Shanghai'}), suggestCountry({languages:['en-US'],timeZone:'America/Chicago'}));
try { getSpec('us_pasport'); } catch (e) { console.log((e as Error).message); }
