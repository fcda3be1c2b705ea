// Left out of the site's bundle: CSV and TSV parsing (charts get their rows inline, as JSON).
function missing() { throw new Error("CSV parsing is not in this site's Vega bundle (tools/vega-bundle)"); }
export { missing as dsvFormat };
