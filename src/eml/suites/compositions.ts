/**
 * Compositions beyond the paper's suites, for issue 12's checks of robust mode and of validity domains
 * (compiler/robust.test.ts, compiler/domains.test.ts): the issue's failing inputs (cosh at 6, ln(1 + eˣ) at 7,
 * 1/(1 + x²) at 30, x³ − 2x + 1 at 9.5, atan at 710, x + y at 400), its sum-ordering cases, and sums, products,
 * quotients, powers and nested functions of one and two variables.
 */
export const COMPOSITIONS = [
  'cosh(x)', 'sinh(x)', 'ln(1 + exp(x))', '1/(1 + x^2)', 'sqrt(x^2 + 1)', 'x^3 - 2*x + 1', 'atan(x)', 'acot(x)',
  'x + y', 'x*y + 1', 'sin(x) + cos(y)', '3*x + 2*y', 'sin(2*x)', 'tanh(sin(x))', 'asin(x)/2', 'exp(-x^2)',
  'x*exp(x)', '2*exp(x)', 'exp(x) + 1', 'exp(x) - 1', 'ln(x^2 + 1)', 'sqrt(1 + exp(x))', 'x^2 + y^2',
  'cos(x)^2 + sin(x)^2', '1/(x^2 + y^2 + 1)', 'sigmoid(x)*2', 'x/(1 + abs(x))', 'cosh(x) - sinh(x)', 'x^4 + x^2 + 1',
  '(x + 1)^2', 'exp(sin(x))', 'sin(exp(x))', 'ln(cosh(x))', 'sqrt(abs(x))', 'atan(x) + atan(y)', 'x^2 - y^2',
  'x*y', 'x/y + y/x', 'exp(x + y)', 'hypot(x, y) + 1', 'avg(x, y)*3', 'tan(x)/2', 'asinh(x) + 1', 'x - 5', 'pi*x + e',
  'x^5 - x', '2*x + 3', '10*x - 1/x', 'cos(x)/(1 + x^2)', 'tanh(x) + 1',
];
