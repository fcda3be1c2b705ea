// Left out of the site's bundle: Vega's geographic expression functions (no chart maps).
function missing() { throw new Error("geographic functions are not in this site's Vega bundle (tools/vega-bundle)"); }
export { missing as geoArea, missing as geoBounds, missing as geoCentroid };
