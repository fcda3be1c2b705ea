// The part of Vega that draws charts compiled from Vega-Lite at build time
// (casebook/site/vega.py), and vega-tooltip for their tooltips.
import { extend } from 'vega-util';
import { transforms } from 'vega-dataflow';
import * as tx from 'vega-transforms';
import * as vtx from 'vega-view-transforms';
import * as encode from 'vega-encode';
import { View } from 'vega-view';
import { parse } from 'vega-parser';
import { Handler } from 'vega-tooltip';

// Vega-Lite compiles to these transforms only. Vega's own index also registers geo,
// force, hierarchy, label, regression, voronoi, wordcloud and crossfilter transforms,
// which no chart here uses: leaving them out is most of what this bundle saves.
extend(transforms, tx, vtx, encode);

window.vega = { View, parse };
window.vegaTooltip = { Handler };
