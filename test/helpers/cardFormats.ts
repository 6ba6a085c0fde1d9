/** One card number (Luhn-valid)… */
export const FORMATTED_DIGITS = '6222021234567894';

/** …in every way the card prompt accepts it: separator runs, NBSP, ideographic spaces, full-width, circled and other scripts' digits. */
export const CARD_FORMATS = [
  '6222  0212  3456  7894',
  '6222\u00a00212\u00a03456\u00a07894',
  '6222 - 0212 - 3456 - 7894',
  '6222\u30000212\u30003456\u30007894',
  '６２２２０２１２３４５６７８９４',
  '⑥②②② ⓪②①② ③④⑤⑥ ⑦⑧⑨④',
  '٦٢٢٢٠٢١٢٣٤٥٦٧٨٩٤',
  '𝟔𝟐𝟐𝟐 𝟎𝟐𝟏𝟐 𝟑𝟒𝟓𝟔 𝟕𝟖𝟗𝟒',
];
