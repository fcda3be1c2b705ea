// The part of Vega that draws charts compiled from Vega-Lite at build time
// (casebook/site/vega.py), and vega-tooltip for their tooltips.
import { extend, Warn } from 'vega-util';
import { transforms } from 'vega-dataflow';
import * as tx from 'vega-transforms';
import * as vtx from 'vega-view-transforms';
import * as encode from 'vega-encode';
import { View } from 'vega-view';
import { parse } from 'vega-parser';
import { Handler } from 'vega-tooltip';

// Vega's own index also registers geo, force, hierarchy, label, regression (and loess),
// voronoi (Vega-Lite's `nearest` selections), wordcloud and crossfilter transforms. No
// chart here uses them, and leaving them out is most of what this bundle saves; the
// build stops any chart that would need one (casebook/site/vega.py reads the list of
// transforms below, which build.mjs writes beside the bundle).
extend(transforms, tx, vtx, encode);

window.vega = { View, parse, Warn, transforms: Object.keys(transforms).sort() };
window.vegaTooltip = { Handler };
