// The demo bank: original questions written for TMC (middle-school level), in one structure
// with the text in Korean and English, so both languages hold the same questions, answers,
// sets and pictures. 10 Score Steal questions, and relay sets P1–S1 (round 3) and P2–S2
// (round 4) of 4 questions each, where questions 2–4 use the previous answer T by a formula
// or a table. test/questions/demo.test.ts checks every chain and every answer.
import type { TableRow } from "../question.ts";

type L = { ko: string; en: string };
export type DemoImage = "right-triangle" | "l-shape" | "circle" | "triangle-angles";

export type DemoQuestion = {
  key: string;
  set?: string;
  order?: number;
  text: L;
  explanation?: L;
  answer?: string;
  alternatives?: string[];
  unit?: L | string;
  formula?: string;
  table?: TableRow[];
  image?: DemoImage;
  points?: number;
  tags: L[];
};

const FRAC: L = { ko: "분수", en: "fractions" };
const ROOT: L = { ko: "제곱근", en: "roots" };
const ALG: L = { ko: "방정식", en: "equations" };
const GEO: L = { ko: "도형", en: "geometry" };
const NUM: L = { ko: "수와 연산", en: "number" };
const PROB: L = { ko: "확률과 통계", en: "probability and statistics" };
const prev = (formula: string): L => ({ ko: `앞 문제의 답을 $T$라 할 때, $${formula}$의 값은?`, en: `Let $T$ be the previous answer. What is $${formula}$?` });

export const DEMO_SCORE_STEAL: DemoQuestion[] = [
  { key: "ss-01", text: { ko: "$\\frac{2}{3} + \\frac{1}{4}$을 계산하세요.", en: "Work out $\\frac{2}{3} + \\frac{1}{4}$." }, answer: "11/12", tags: [FRAC], explanation: { ko: "$\\frac{8}{12} + \\frac{3}{12} = \\frac{11}{12}$", en: "$\\frac{8}{12} + \\frac{3}{12} = \\frac{11}{12}$" } },
  { key: "ss-02", text: { ko: "$\\sqrt{144} - \\sqrt{25}$의 값은?", en: "What is $\\sqrt{144} - \\sqrt{25}$?" }, answer: "7", tags: [ROOT], explanation: { ko: "$12 - 5 = 7$", en: "$12 - 5 = 7$" } },
  { key: "ss-03", text: { ko: "방정식 $3x - 7 = 11$의 해는?", en: "Solve $3x - 7 = 11$." }, answer: "6", alternatives: ["x=6", "x = 6"], tags: [ALG], explanation: { ko: "$3x = 18$이므로 $x = 6$", en: "$3x = 18$, so $x = 6$." } },
  { key: "ss-04", text: { ko: "15,000원짜리 티셔츠를 20% 할인하여 샀습니다. 낸 돈은 얼마입니까?", en: "A T-shirt costs 15,000 won. With 20% off, how much do you pay?" }, answer: "12000", unit: { ko: "원", en: "won" }, tags: [NUM], explanation: { ko: "$15000 \\times 0.8 = 12000$", en: "$15000 \\times 0.8 = 12000$" } },
  { key: "ss-05", image: "right-triangle", text: { ko: "그림의 직각삼각형에서 빗변의 길이는 몇 cm입니까?", en: "In the right triangle in the picture, how long is the hypotenuse?" }, answer: "10", unit: "cm", tags: [GEO, ROOT], explanation: { ko: "$\\sqrt{6^2 + 8^2} = \\sqrt{100} = 10$", en: "$\\sqrt{6^2 + 8^2} = \\sqrt{100} = 10$" } },
  { key: "ss-06", image: "l-shape", text: { ko: "가로 8 cm, 세로 6 cm인 직사각형에서 가로 3 cm, 세로 2 cm인 모서리를 잘라 낸 도형입니다. 넓이는 몇 cm²입니까?", en: "A 3 cm by 2 cm corner is cut from an 8 cm by 6 cm rectangle. What is the area of the shape, in cm²?" }, answer: "42", unit: "cm²", tags: [GEO], explanation: { ko: "$48 - 6 = 42$", en: "$48 - 6 = 42$" } },
  { key: "ss-07", text: { ko: "정육각형의 한 내각의 크기는 몇 도입니까?", en: "How many degrees is each interior angle of a regular hexagon?" }, answer: "120", unit: "°", tags: [GEO], explanation: { ko: "$\\frac{180 \\times 4}{6} = 120$", en: "$\\frac{180 \\times 4}{6} = 120$" } },
  { key: "ss-08", text: { ko: "$2^5 + 5^2$의 값은?", en: "What is $2^5 + 5^2$?" }, answer: "57", tags: [NUM], explanation: { ko: "$32 + 25 = 57$", en: "$32 + 25 = 57$" } },
  { key: "ss-09", text: { ko: "주사위 한 개를 던질 때 짝수의 눈이 나올 확률은? (분수로)", en: "A die is rolled once. What is the probability of an even number? (as a fraction)" }, answer: "1/2", tags: [PROB], explanation: { ko: "2, 4, 6의 3가지: $\\frac{3}{6} = \\frac{1}{2}$", en: "2, 4 or 6: $\\frac{3}{6} = \\frac{1}{2}$" } },
  { key: "ss-10", image: "circle", text: { ko: "반지름이 4 cm인 원의 넓이는? ($\\pi$를 써서 답하세요.)", en: "What is the area of a circle of radius 4 cm? (Answer using $\\pi$.)" }, answer: "16π", alternatives: ["16pi", "16 π", "16 pi", "16π cm²"], tags: [GEO], explanation: { ko: "$\\pi \\times 4^2 = 16\\pi$", en: "$\\pi \\times 4^2 = 16\\pi$" } },
];

// Round 3: P1, Q1, R1, S1.
export const DEMO_RELAY_1: DemoQuestion[] = [
  { key: "P1-1", set: "P1", order: 1, text: { ko: "$12 \\div \\frac{3}{4}$의 값은?", en: "What is $12 \\div \\frac{3}{4}$?" }, answer: "16", tags: [FRAC] },
  { key: "P1-2", set: "P1", order: 2, text: prev("\\frac{T}{2} + 3"), formula: "T/2 + 3", tags: [FRAC] },
  { key: "P1-3", set: "P1", order: 3, text: prev("3T - 8"), formula: "3T - 8", tags: [NUM] },
  { key: "P1-4", set: "P1", order: 4, text: prev("\\sqrt{T}"), table: [{ input: "25", answer: "5" }, { input: "16", answer: "4" }, { input: "36", answer: "6" }, { input: "49", answer: "7" }, { input: "64", answer: "8" }], tags: [ROOT] },
  { key: "Q1-1", set: "Q1", order: 1, text: { ko: "방정식 $5x + 3 = 2x + 18$의 해는?", en: "Solve $5x + 3 = 2x + 18$." }, answer: "5", tags: [ALG] },
  { key: "Q1-2", set: "Q1", order: 2, text: prev("T^2 - 1"), formula: "T^2 - 1", tags: [NUM] },
  { key: "Q1-3", set: "Q1", order: 3, text: prev("\\frac{T}{6}"), formula: "T/6", tags: [FRAC] },
  { key: "Q1-4", set: "Q1", order: 4, text: { ko: "앞 문제의 답을 $T$라 할 때, 둘레가 $4T$ cm인 정사각형의 넓이는 몇 cm²입니까?", en: "Let $T$ be the previous answer. A square has perimeter $4T$ cm. What is its area in cm²?" }, formula: "T^2", unit: "cm²", tags: [GEO] },
  { key: "R1-1", set: "R1", order: 1, text: { ko: "오각형의 대각선은 모두 몇 개입니까?", en: "How many diagonals does a pentagon have?" }, answer: "5", tags: [GEO] },
  { key: "R1-2", set: "R1", order: 2, text: prev("2T + \\frac{1}{2}"), formula: "2T + 1/2", tags: [FRAC] },
  { key: "R1-3", set: "R1", order: 3, text: prev("2T - 1"), formula: "2T - 1", tags: [NUM] },
  { key: "R1-4", set: "R1", order: 4, text: { ko: "앞 문제의 답을 $T$라 할 때, 50의 $T$%는?", en: "Let $T$ be the previous answer. What is $T$% of 50?" }, formula: "T/100 * 50", tags: [NUM] },
  { key: "S1-1", set: "S1", order: 1, text: { ko: "$(-3)^2 - 2^3$의 값은?", en: "What is $(-3)^2 - 2^3$?" }, answer: "1", tags: [NUM] },
  { key: "S1-2", set: "S1", order: 2, text: prev("\\frac{T + 5}{2}"), formula: "(T + 5)/2", tags: [FRAC] },
  { key: "S1-3", set: "S1", order: 3, text: { ko: "앞 문제의 답을 $T$라 할 때, $T$번째 소수는? (2가 첫 번째 소수)", en: "Let $T$ be the previous answer. What is the $T$-th prime number? (2 is the first.)" }, table: [{ input: "1", answer: "2" }, { input: "2", answer: "3" }, { input: "3", answer: "5" }, { input: "4", answer: "7" }, { input: "5", answer: "11" }, { input: "6", answer: "13" }], tags: [NUM] },
  { key: "S1-4", set: "S1", order: 4, text: prev("T^2 + T"), formula: "T^2 + T", tags: [NUM] },
];

// Round 4: P2, Q2, R2, S2.
export const DEMO_RELAY_2: DemoQuestion[] = [
  { key: "P2-1", set: "P2", order: 1, image: "triangle-angles", text: { ko: "그림의 삼각형에서 $x$는 몇 도입니까?", en: "In the triangle in the picture, how many degrees is $x$?" }, answer: "70", unit: "°", tags: [GEO] },
  { key: "P2-2", set: "P2", order: 2, text: { ko: "앞 문제의 답을 $T$라 할 때, $T$°의 보각은 몇 도입니까?", en: "Let $T$ be the previous answer. What is the supplement of an angle of $T$°, in degrees?" }, formula: "180 - T", unit: "°", tags: [GEO] },
  { key: "P2-3", set: "P2", order: 3, text: prev("\\frac{T}{10} - 3"), formula: "T/10 - 3", tags: [FRAC] },
  { key: "P2-4", set: "P2", order: 4, text: prev("\\sqrt{2T}"), table: [{ input: "8", answer: "4" }, { input: "2", answer: "2" }, { input: "18", answer: "6" }, { input: "32", answer: "8" }, { input: "50", answer: "10" }], tags: [ROOT] },
  { key: "Q2-1", set: "Q2", order: 1, text: { ko: "4와 6의 최소공배수는?", en: "What is the least common multiple of 4 and 6?" }, answer: "12", tags: [NUM] },
  { key: "Q2-2", set: "Q2", order: 2, text: prev("\\frac{3T}{4}"), formula: "3T/4", tags: [FRAC] },
  { key: "Q2-3", set: "Q2", order: 3, text: prev("T^2 - 80"), formula: "T^2 - 80", tags: [NUM] },
  { key: "Q2-4", set: "Q2", order: 4, text: prev("\\frac{1}{T + 1}"), formula: "1/(T + 1)", tags: [FRAC] },
  { key: "R2-1", set: "R2", order: 1, text: { ko: "방정식 $\\frac{x}{3} + 2 = 6$의 해는?", en: "Solve $\\frac{x}{3} + 2 = 6$." }, answer: "12", tags: [ALG, FRAC] },
  { key: "R2-2", set: "R2", order: 2, text: prev("\\frac{5}{6}T"), formula: "5/6 T", tags: [FRAC] },
  { key: "R2-3", set: "R2", order: 3, text: prev("T - 13"), formula: "T - 13", tags: [NUM] },
  { key: "R2-4", set: "R2", order: 4, text: prev("T^2 + 2T"), formula: "T^2 + 2T", tags: [NUM] },
  { key: "S2-1", set: "S2", order: 1, text: { ko: "사각형의 네 내각의 크기의 합은 몇 도입니까?", en: "What is the sum of the interior angles of a quadrilateral, in degrees?" }, answer: "360", unit: "°", tags: [GEO] },
  { key: "S2-2", set: "S2", order: 2, text: prev("\\frac{T}{4}"), formula: "T/4", tags: [FRAC] },
  { key: "S2-3", set: "S2", order: 3, text: prev("\\frac{T}{3} - 25"), formula: "T/3 - 25", tags: [FRAC] },
  { key: "S2-4", set: "S2", order: 4, text: { ko: "앞 문제의 답을 $T$라 할 때, 빨간 구슬 $T$개와 파란 구슬 3개가 든 주머니에서 한 개를 꺼낼 때 빨간 구슬일 확률은?", en: "Let $T$ be the previous answer. A bag holds $T$ red and 3 blue marbles. What is the probability that a marble drawn at random is red?" }, formula: "T/(T + 3)", tags: [PROB, FRAC] },
];

export const DEMO_QUESTIONS: DemoQuestion[] = [...DEMO_SCORE_STEAL, ...DEMO_RELAY_1, ...DEMO_RELAY_2];
