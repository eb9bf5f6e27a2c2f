/**
 * Emporia's own sentiment examples in the register of support messages, written by the Emporia
 * team. Neutral examples reuse our plain information-request utterances: most support messages are
 * neutral, and a two-class model would force them to a side.
 */
import { SUPPORT_UTTERANCES } from './support-intents.js';

const POSITIVE = [
  'thank you so much, you guys are great',
  'love the jacket, fits perfectly',
  'great service, the parcel came a day early',
  'really happy with my order',
  'awesome, thanks for sorting that out so quickly',
  'the quality is amazing, will buy again',
  'your support team was super helpful',
  'excellent, exactly what I wanted',
  'I am very pleased with the product',
  'fast delivery and nicely packed, thank you',
  'wonderful experience from start to finish',
  'thanks a lot, that solved my problem',
  'the shoes are so comfy, love them',
  'perfect, appreciate the help',
  'best online shop I have used',
  'brilliant, the refund came through already',
  'really impressed with how fast you replied',
  'good value for money',
  'my daughter loves her present, thank you',
  'everything arrived in perfect condition',
  'you made my day, thanks',
  'happy customer here',
  'the new version works great',
  'nice, thanks for the quick fix',
  'fantastic quality and quick shipping',
  'amazing, thank you!!',
  'I really appreciate your patience',
  'so glad I ordered from you',
  'top notch service as always',
  'works like a charm',
  'cheers, very helpful',
  'the replacement arrived and it is perfect',
];

const NEGATIVE = [
  'this is the worst service ever',
  'very disappointed with my order',
  'the product broke after two days',
  'nobody is answering me, this is ridiculous',
  'I am really angry about this',
  'terrible quality, total waste of money',
  'my parcel is lost and nobody cares',
  'the item arrived damaged and dirty',
  'still no refund, I am fed up',
  'you charged me twice, unacceptable',
  'awful experience, never again',
  'the courier was incredibly rude',
  'this is a joke, third time I ask',
  'really unhappy with how this was handled',
  'the size is completely wrong and the return is a nightmare',
  'so frustrating, your website keeps crashing',
  'I feel cheated',
  'horrible customer support',
  'it stopped working after one use',
  'I am sick of waiting',
  'the colour looks nothing like the photos, very misleading',
  'worst purchase I have ever made',
  'disgusting, the food was expired',
  'you ruined my birthday present',
  'I have been waiting 3 weeks, this is unacceptable',
  'cheap rubbish, fell apart',
  'why is nobody helping me?!',
  'extremely poor packaging, everything smashed',
  'I regret ordering from you',
  'the delivery is late again, pathetic',
  'not happy at all',
  'this is a scam, I want my money back',
];

const NEUTRAL_INTENTS = ['order_status', 'shipping_info', 'product_question', 'account', 'invoice', 'change_address', 'greeting'] as const;

/** Labelled sentiment examples: our positive and negative messages plus neutral requests. */
export function supportSentimentExamples(): { text: string; label: 'negative' | 'neutral' | 'positive' }[] {
  const neutral = NEUTRAL_INTENTS.flatMap((i) => SUPPORT_UTTERANCES[i].filter((_, n) => n % 2 === 0))
    // Every other one keeps the classes roughly balanced; thanks and frustration inside a request carry sentiment, so they stay out.
    .filter((t) => !/thank|thx|cheers|great|perfect|still|why|nothing|never|not working|locked|someone else/i.test(t));
  return [
    ...POSITIVE.map((text) => ({ text, label: 'positive' as const })),
    ...NEGATIVE.map((text) => ({ text, label: 'negative' as const })),
    ...neutral.map((text) => ({ text, label: 'neutral' as const })),
  ];
}
