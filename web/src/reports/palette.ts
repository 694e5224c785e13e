/**
 * Colours that colour-blind readers can tell apart (Okabe & Ito, "Color Universal Design"):
 * negative is vermillion, positive bluish green, neutral grey — never red against green. Series
 * also differ by line style where they overlap (the previous period is dashed).
 */
export const OKABE_ITO = {
  orange: '#E69F00',
  sky: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#CC79A7',
  grey: '#8C8C8C',
  black: '#000000',
} as const;

export const SENTIMENT_COLOURS = {
  negative: OKABE_ITO.vermillion,
  neutral: OKABE_ITO.grey,
  positive: OKABE_ITO.green,
} as const;

/** Categorical series (intents, tags, agents) in a fixed order. */
export const SERIES_COLOURS = [
  OKABE_ITO.blue,
  OKABE_ITO.orange,
  OKABE_ITO.green,
  OKABE_ITO.vermillion,
  OKABE_ITO.purple,
  OKABE_ITO.sky,
  OKABE_ITO.yellow,
  OKABE_ITO.grey,
];

/** Sequential ramp for the heatmap (light to dark blue: reads in grey scale too). */
export const HEAT_RAMP = ['#f0f6fc', '#9ecae1', '#4292c6', '#08519c', '#08306b'];
