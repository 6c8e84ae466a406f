using System.Numerics;

namespace BatchStats.Evalscript.FastPath;

/// <summary>
/// The <c>Math.*</c> functions of the fast path as <see cref="VectorKernels"/> operators, with JavaScript's results for
/// NaN, ±0 and ±∞ (which is what Jint returns; FastPathMathTests checks every kernel against Jint on random and special
/// values). abs, sqrt, floor and ceil are exact IEEE operations; the rest are spelled out below.
/// </summary>
internal static class MathKernels
{
    private static readonly Vector<double> s_signBit = new(-0.0);

    /// <summary>
    /// left ← left ** right; returns left. No vector pow: the same libm call Jint makes, per lane, with its JS special
    /// cases.
    /// </summary>
    public static double[] Pow(double[] left, double[] right, int lanes)
    {
        for (var i = 0; i < lanes; i++)
        {
            left[i] = Pow(left[i], right[i]);
        }

        return left;
    }

    /// <summary>
    /// JS <c>Number::exponentiate</c>: like IEEE pow except that a NaN exponent always gives NaN and
    /// (±1) ** ±∞ is NaN, where .NET's Math.Pow returns 1.
    /// </summary>
    public static double Pow(double x, double y)
    {
        if (double.IsNaN(y) || (double.IsInfinity(y) && Math.Abs(x) == 1))
        {
            return double.NaN;
        }

        return Math.Pow(x, y);
    }

    private static Vector<long> AnyNaN(Vector<double> a, Vector<double> b) =>
        Vector.OnesComplement(Vector.Equals(a, a) & Vector.Equals(b, b));

    public readonly struct Abs : IVectorUnary
    {
        public static Vector<double> Apply(Vector<double> x) => Vector.AndNot(x, s_signBit);
    }

    public readonly struct Sqrt : IVectorUnary
    {
        public static Vector<double> Apply(Vector<double> x) => Vector.SquareRoot(x);
    }

    public readonly struct Floor : IVectorUnary
    {
        public static Vector<double> Apply(Vector<double> x) => Vector.Floor(x);
    }

    public readonly struct Ceil : IVectorUnary
    {
        public static Vector<double> Apply(Vector<double> x) => Vector.Ceiling(x);
    }

    public readonly struct Round : IVectorUnary
    {
        // JS Math.round: the integer nearest x, halves towards +∞. floor(x + 0.5) is wrong for
        // 0.49999999999999994 (the sum rounds up to 1) and for odd integers ≥ 2^52, so compare the exact
        // fraction x − floor(x) instead. A zero result keeps x's sign (round(−0.2) is −0). NaN and ±∞ pass
        // through (∞ − ∞ is NaN, so nothing is added).
        public static Vector<double> Apply(Vector<double> x)
        {
            var f = Vector.Floor(x);
            var rounded = f + Vector.ConditionalSelect(Vector.GreaterThanOrEqual(x - f, new Vector<double>(0.5)), Vector<double>.One, Vector<double>.Zero);
            return Vector.ConditionalSelect(Vector.Equals(rounded, Vector<double>.Zero), x & s_signBit, rounded);
        }
    }

    public readonly struct Sign : IVectorUnary
    {
        // ±0 and NaN are returned as they are.
        public static Vector<double> Apply(Vector<double> x)
        {
            var zero = Vector<double>.Zero;
            return Vector.ConditionalSelect(Vector.GreaterThan(x, zero), Vector<double>.One, Vector.ConditionalSelect(Vector.LessThan(x, zero), new Vector<double>(-1.0), x));
        }
    }

    public readonly struct Min : IVectorBinary
    {
        // Equal operands: OR of the bits makes min(+0, −0) = −0. Any NaN operand: a + b is NaN.
        public static Vector<double> Apply(Vector<double> a, Vector<double> b)
        {
            var m = Vector.ConditionalSelect(Vector.LessThan(a, b), a, Vector.ConditionalSelect(Vector.Equals(a, b), a | b, b));
            return Vector.ConditionalSelect(AnyNaN(a, b), a + b, m);
        }
    }

    public readonly struct Max : IVectorBinary
    {
        // Equal operands: AND of the bits makes max(+0, −0) = +0.
        public static Vector<double> Apply(Vector<double> a, Vector<double> b)
        {
            var m = Vector.ConditionalSelect(Vector.GreaterThan(a, b), a, Vector.ConditionalSelect(Vector.Equals(a, b), a & b, b));
            return Vector.ConditionalSelect(AnyNaN(a, b), a + b, m);
        }
    }
}
