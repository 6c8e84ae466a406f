using System.Globalization;
using System.Numerics;

namespace BatchStats.Core.Numbers;

/// <summary>
/// Formats doubles exactly like Java's <c>Double.toString</c> (JDK 19+ shortest-decimal algorithm), because the
/// reference service runs on the JVM and its output files are compared number-for-number (S29).
/// </summary>
public static class JavaDouble
{
    // Smallest positive normal double; below it a 1-digit shortest decimal may not be the closest 2-digit one.
    private const double MinNormal = 2.2250738585072014E-308;

    /// <summary>
    /// Java <c>Double.toString(x)</c>: <c>8.0</c>, <c>0.07970000058412552</c>, <c>1.0E-4</c>, <c>1.2345678E7</c>,
    /// <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>, <c>-0.0</c>. Callers writing JSON put the non-finite ones in quotes.
    /// </summary>
    public static string Format(double x)
    {
        if (double.IsNaN(x))
        {
            return "NaN";
        }

        if (double.IsInfinity(x))
        {
            return x > 0 ? "Infinity" : "-Infinity";
        }

        if (x == 0)
        {
            return double.IsNegative(x) ? "-0.0" : "0.0";
        }

        var abs = Math.Abs(x);
        var (digits, exponent) = ShortestDigits(abs);
        if (digits.Length == 1 && abs < MinNormal)
        {
            (digits, exponent) = ClosestTwoDigits(abs, digits[0] - '0', exponent);
        }

        var body = exponent is >= -3 and < 7 ? Plain(digits, exponent) : Scientific(digits, exponent);
        return x < 0 ? "-" + body : body;
    }

    /// <summary>True when the value is finite, so it can be written as a bare JSON number.</summary>
    public static bool IsJsonNumber(double x) => double.IsFinite(x);

    /// <summary>
    /// Shortest round-trip significant digits (no leading/trailing zeros) and the scientific exponent e,
    /// so that x = d0.d1d2… × 10^e.
    /// </summary>
    private static (string Digits, int Exponent) ShortestDigits(double abs)
    {
        var text = abs.ToString("R", CultureInfo.InvariantCulture);
        var e = 0;
        var ePos = text.IndexOfAny(['E', 'e']);
        if (ePos >= 0)
        {
            e = int.Parse(text.AsSpan(ePos + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..ePos];
        }

        var dot = text.IndexOf('.');
        var intPart = dot >= 0 ? text[..dot] : text;
        var fracPart = dot >= 0 ? text[(dot + 1)..] : string.Empty;
        var all = intPart + fracPart;
        var exponent = intPart.Length - 1 + e;
        var lead = 0;
        while (lead < all.Length - 1 && all[lead] == '0')
        {
            lead++;
        }

        exponent -= lead;
        var digits = all[lead..].TrimEnd('0');
        return (digits.Length == 0 ? "0" : digits, exponent);
    }

    /// <summary>
    /// Java's rule: when the shortest decimal has one digit, print the 2-digit decimal closest to x
    /// (this is what turns 5E-324 into 4.9E-324). Only matters for subnormals.
    /// </summary>
    private static (string Digits, int Exponent) ClosestTwoDigits(double abs, int leadDigit, int exponent)
    {
        var p = exponent - 1;
        BigInteger? bestDistance = null;
        var best = 10 * leadDigit;
        for (var k = Math.Max(10, 10 * leadDigit - 9); k <= Math.Min(99, 10 * leadDigit + 9); k++)
        {
            var candidate = double.Parse($"{k}E{p}", NumberStyles.Float, CultureInfo.InvariantCulture);
            if (candidate != abs)
            {
                continue;
            }

            var distance = ExactDistance(abs, k, p);
            if (bestDistance is null || distance < bestDistance || (distance == bestDistance && k % 2 == 0))
            {
                bestDistance = distance;
                best = k;
            }
        }

        var digits = best.ToString(CultureInfo.InvariantCulture).TrimEnd('0');
        return (digits, exponent);
    }

    /// <summary>|k·10^p − x| scaled by a positive factor that depends only on x and p.</summary>
    private static BigInteger ExactDistance(double x, int k, int p)
    {
        var bits = BitConverter.DoubleToInt64Bits(x);
        var biased = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        int e2;
        if (biased == 0)
        {
            e2 = -1074;
        }
        else
        {
            mantissa |= 1L << 52;
            e2 = biased - 1075;
        }

        var s2 = Math.Max(0, -e2);
        var s10 = Math.Max(0, -p);
        var scaledX = new BigInteger(mantissa) * BigInteger.Pow(2, e2 + s2) * BigInteger.Pow(10, s10);
        var scaledC = new BigInteger(k) * BigInteger.Pow(10, p + s10) * BigInteger.Pow(2, s2);
        return BigInteger.Abs(scaledC - scaledX);
    }

    private static string Plain(string digits, int exponent)
    {
        if (exponent < 0)
        {
            return "0." + new string('0', -exponent - 1) + digits;
        }

        var intLength = exponent + 1;
        if (digits.Length <= intLength)
        {
            return digits + new string('0', intLength - digits.Length) + ".0";
        }

        return digits[..intLength] + "." + digits[intLength..];
    }

    private static string Scientific(string digits, int exponent)
    {
        var fraction = digits.Length > 1 ? digits[1..] : "0";
        return digits[0] + "." + fraction + "E" + exponent.ToString(CultureInfo.InvariantCulture);
    }
}
