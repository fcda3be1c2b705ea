// Left out of the site's bundle: TopoJSON data (charts get their rows inline, as JSON).
function missing() { throw new Error("TopoJSON is not in this site's Vega bundle (tools/vega-bundle)"); }
export { missing as feature, missing as mesh };
