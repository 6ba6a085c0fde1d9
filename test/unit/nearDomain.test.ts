import { ProductWords } from '../../src/nlu/productWords';
import { SendingWords } from '../../src/nlu/sendingWords';
import { LOCALES_DIR } from '../../src/paths';
import { understanding } from '../helpers/bot';

describe('a terminal the merchant sends is not one sent to them', () => {
  const sending = SendingWords.load(LOCALES_DIR);

  it.each(['where do i send the terminal', 'where should I ship it', '机器寄到哪', '是不是要寄回给你们'])('%j read as applying for a terminal is out of scope', (text) => {
    expect(sending.reread('faq_apply_pos', text)).toBe('None');
  });

  it.each([
    ['cancel_pos', 'do i need to return the device'],
    ['cancel_pos', '需不需要退回机器'],
    ['faq_lost_device', 'do I have to mail the terminal back to you'],
  ])('%s for %j, which asks whether the terminal must go back, is out of scope', (intent, text) => {
    expect(sending.reread(intent as 'cancel_pos', text)).toBe('None');
  });

  it.each(['I need to return the device', '我要把机器寄回去'])('%j asks to cancel', (text) => {
    expect(sending.reread('cancel_pos', text)).toBe('cancel_pos');
  });

  it.each([
    ['faq_apply_pos', 'can you send me a terminal'],
    ['faq_apply_pos', 'Will the device be mailed to me?'],
    ['faq_cancel_cost', 'does it cost anything to send the terminal back'],
  ])('%s stands for %j (sent to the merchant, or an FAQ that may answer it)', (intent, text) => {
    expect(sending.reread(intent as 'faq_apply_pos', text)).toBe(intent);
  });
});

describe('whether another product still works after cancelling', () => {
  const products = ProductWords.load(LOCALES_DIR);

  it.each(['收款码还能用吗', '注销了POS机 我的收款二维码会不会也没了', 'will my QR code still work after cancelling'])('%j read as the alternatives FAQ is out of scope', (text) => {
    expect(products.aboutAnotherProduct('faq_alternatives', text)).toBe(true);
  });

  it('asking whether a QR code can replace the terminal is the alternatives FAQ', () => {
    expect(products.aboutAnotherProduct('faq_alternatives', '注销后用收款码代替可以吗')).toBe(false);
  });
});

describe('near-domain questions, with the classifier', () => {
  it.each([
    ['收款码还能用吗', 'None'],
    ['will my QR code still work after cancelling', 'None'],
    ['where do i send the terminal', 'None'],
    ['是不是要把机器寄回去', 'None'],
    ['do i need to return the device', 'None'],
    ['打电话办也行吗', 'faq_hotline'],
    ['can I cancel over the phone', 'faq_hotline'],
    ['签名是什么意思', 'faq_materials'],
    ['what does the signature mean', 'faq_materials'],
    ['怎么防止被盗刷', 'faq_payment_security'],
  ])('%j → %s', (text, intent) => {
    expect(understanding().classify(text).intent).toBe(intent);
  });
});
