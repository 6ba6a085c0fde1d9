import { ComplaintWords } from '../../src/nlu/complaintWords';
import { ProductWords } from '../../src/nlu/productWords';
import { ProxyWords } from '../../src/nlu/proxyWords';
import { AcquireWords } from '../../src/nlu/acquireWords';
import { VisitWords } from '../../src/nlu/visitWords';
import { SendingWords } from '../../src/nlu/sendingWords';
import { LOCALES_DIR } from '../../src/paths';
import { understanding } from '../helpers/bot';

describe('a terminal the merchant sends is not one sent to them', () => {
  const sending = SendingWords.load(LOCALES_DIR);

  it.each(['do i need to bring the machine to a branch', '注销要把机器带去网点吗'])('%j asks whether the terminal goes back: out of scope', (text) => {
    expect(sending.reread('faq_cancel_steps', text)).toBe('None');
  });

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

describe('someone else acting for the merchant', () => {
  const proxy = ProxyWords.load(LOCALES_DIR);

  it.each([
    ['faq_cancel_reasons', '老板不在 店员可以帮忙办注销吗'],
    ['faq_cancel_reasons', 'can my wife cancel it for me'],
    ['cancel_pos', '让我儿子去办注销行吗'],
    ['faq_materials', 'can someone else apply on my behalf'],
  ])('%s for %j is out of scope', (intent, text) => {
    expect(proxy.reread(intent as 'cancel_pos', text)).toBe('None');
  });

  it.each([
    ['faq_lost_device', 'my son lost the terminal, can I still cancel'],
    ['faq_close_card', '老婆的银行卡要不要注销'],
    ['cancel_pos', 'can you cancel it for me'],
    ['human_agent', 'let me speak to a manager'],
    ['human_agent', '你们经理能给我打电话吗'],
  ])('%s stands for %j (nobody else acts)', (intent, text) => {
    expect(proxy.reread(intent as 'cancel_pos', text)).toBe(intent);
  });

  it.each([
    ['human_agent', 'can my manager do it for me'],
    ['faq_cancel_reasons', 'could our bookkeeper cancel it'],
    ['cancel_pos', '让我同事去办注销'],
    ['faq_materials', 'my colleague will do the application'],
  ])('%s for %j, the merchant\'s own staff acting, is out of scope', (intent, text) => {
    expect(proxy.reread(intent as 'cancel_pos', text)).toBe('None');
  });
});

describe('a visit to the bank to cancel', () => {
  const visits = VisitWords.load(LOCALES_DIR);

  it.each(['注销要跑去银行吗', '注销刷卡机要去营业厅吗', 'do I have to go to the bank to cancel', 'must I go in person to deregister the terminal', 'do I need to visit a branch to return the card machine'])('%j read as closing a card asks how the cancellation is done', (text) => {
    expect(visits.reread('faq_close_card', text)).toBe('faq_cancel_steps');
  });

  it.each(['银行卡要去银行注销吗', '销户要去柜台吗', '卡要不要去银行销掉', 'do I need to visit the bank to close my account', 'do I have to go to a branch to close the card?'])('%j names a card or an account: closing it', (text) => {
    expect(visits.reread('faq_close_card', text)).toBe('faq_close_card');
  });

  it('only the close-card reading is read again', () => {
    expect(visits.reread('faq_refund_verify', '要去银行柜台查退款吗')).toBe('faq_refund_verify');
  });
});

describe('wanting a terminal', () => {
  const acquire = AcquireWords.load(LOCALES_DIR);

  it.each([
    ['cancel_pos', 'i need a pos machine for my restaurant'],
    ['cancel_pos', 'we want another card reader for the new shop'],
    ['cancel_pos', '我们超市想装一台收款机'],
    ['faq_deadline', '我之前注销过 现在还能申请pos机吗'],
    ['faq_cancel_steps', 'where can i get a new one after cancelling'],
    ['cancel_pos', '我要pos机'],
    ['faq_cancel_steps', '申请刷卡机的步骤有哪些'],
  ])('%s for %j is the apply FAQ', (intent, text) => {
    expect(acquire.reread(intent as 'cancel_pos', text)).toBe('faq_apply_pos');
  });

  it.each([
    ['cancel_pos', "I don't want a pos anymore"],
    ['cancel_pos', '我不想要pos机了'],
    ['cancel_pos', 'I want a refund and to cancel the machine'],
    ['cancel_pos', '要一台新的，旧的帮我注销'],
    ['faq_alternatives', 'do I even need a card terminal after cancelling'],
    ['faq_lost_device', '我要问下pos机丢了怎么办'],
    ['faq_cancel_reasons', 'i want my broken pos looked at, can i cancel instead'],
  ])('%s stands for %j (a terminal given up, or not a cancellation reading)', (intent, text) => {
    expect(acquire.reread(intent as 'cancel_pos', text)).toBe(intent);
  });

  it.each(["we don't need the card machine anymore", '店里不需要这台刷卡机了', 'we have no use for the terminal now'])('an apply reading of %j (no terminal needed, none wanted) is giving one up', (text) => {
    expect(acquire.reread('faq_apply_pos', text)).toBe('cancel_pos');
  });

  it.each(["we don't need the old one, we need a new pos", 'how do i apply for a terminal', '我还需要一台新的pos机'])('an apply reading of %j stands (a terminal wanted)', (text) => {
    expect(acquire.reread('faq_apply_pos', text)).toBe('faq_apply_pos');
  });

  it.each([
    ['i need a pos machine for my restaurant', 'faq_apply_pos'],
    ['开了个小饭馆 想要一台刷卡机', 'faq_apply_pos'],
    ['注销要跑去银行吗', 'faq_cancel_steps'],
    ['can my manager do it for me', 'None'],
  ])('the classifier with the rules: %j → %s', (text, intent) => {
    expect(understanding().classify(text).intent).toBe(intent);
  });

  it('two close readings the rules make one ("i want a pos terminal": cancelling or applying) are that one, nothing to ask', () => {
    const read = understanding().classify('i want a pos terminal');
    expect(read.intent).toBe('faq_apply_pos');
    expect(read.alternatives).toBeUndefined();
  });
});

describe('a complaint about the bot or an unanswered line', () => {
  const complaints = ComplaintWords.load(LOCALES_DIR);

  it.each([
    ['None', 'I called all day and nobody picked up'],
    ['faq_services', '你们这机器人一点用都没有'],
    ['None', 'this bot is useless'],
  ])('%s for %j asks for a person', (intent, text) => {
    expect(complaints.reread(intent as 'None', text)).toBe('human_agent');
  });

  it.each([
    ['faq_hotline', '客服电话打不通 还有别的号码吗'],
    ['faq_close_card', '注销后银行卡没用了要不要销户'],
  ])('%s stands for %j', (intent, text) => {
    expect(complaints.reread(intent as 'None', text)).toBe(intent);
  });
});

describe('near-domain questions of merchants, with the classifier', () => {
  it.each([
    ['how long does it take to get my money back after cancelling?', 'faq_refund_method'],
    ['退款怎么退', 'faq_refund_method'],
    ['注销了还能再申请新的吗', 'faq_apply_pos'],
    ['where can i buy a new one after cancelling', 'faq_apply_pos'],
    ['I want a card machine', 'faq_apply_pos'],
    ['注销需要本人去网点吗', 'faq_cancel_steps'],
    ['do i need to go to a branch?', 'faq_cancel_steps'],
    ['要去网点办吗', 'faq_cancel_steps'],
    ['老板不在 店员可以帮忙办注销吗', 'None'],
    ['can my wife cancel it for me', 'None'],
    ['家人可以代办吗', 'None'],
    ['注销之后商户号还在吗', 'None'],
    ['I called all day and nobody picked up', 'human_agent'],
    ['你们这机器人一点用都没有', 'human_agent'],
    ['注销以后可以再办一台吗', 'faq_apply_pos'],
    ['is it possible to apply again for a terminal after cancelling', 'faq_apply_pos'],
    ['我需要个pos机', 'faq_apply_pos'],
    ['需要去门店办理注销吗', 'faq_cancel_steps'],
    ['必须本人到场吗', 'faq_cancel_steps'],
    ['can i do the cancellation online', 'faq_cancel_steps'],
    ['do i need to come in person to cancel', 'faq_cancel_steps'],
    ['do I need to come in person to deregister the terminal', 'faq_cancel_steps'],
    ['我不在本地 可以让我弟弟帮我办吗', 'None'],
    ['我妈能替我申请注销吗', 'None'],
    ['我的商户号注销后还能用吗', 'None'],
    ['你们客服电话根本打不通', 'human_agent'],
    ['nobody answers the hotline', 'human_agent'],
    ['这个智能客服太笨了 听不懂', 'human_agent'],
    ['客服电话打不通 还有别的号码吗', 'faq_hotline'],
    ['注销以后钱多久能到', 'faq_refund_method'],
    ['when will i get the refund after i cancel', 'faq_refund_method'],
    // Getting a cancelled terminal back is none of the FAQs (not a lost one): a person.
    ['注销了还能把机器要回来吗', 'None'],
    ['why is the sky blue?', 'None'],
  ])('%j → %s', (text, intent) => {
    const understood = understanding().classify(text);
    expect(understood.intent).toBe(intent);
    expect(understood.alternatives).toBeUndefined();
  });
});
