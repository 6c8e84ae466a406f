using System.Globalization;

namespace BatchStats.Core.Tables;

/// <summary>
/// Java's <c>Double.toString</c> for the percentile keys (<c>"50.0"</c>, <c>"2.5"</c>, <c>"1.0E-4"</c>): the service
/// writes the keys that way (spec §9.2), and the column name embeds the key.
/// </summary>
public static class JavaDoubleText
{
    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        if (value == 0)
        {
            return 1 / value < 0 ? "-0.0" : "0.0";
        }

        var abs = Math.Abs(value);
        if (abs >= 1e-3 && abs < 1e7)
        {
            var text = value.ToString("R", CultureInfo.InvariantCulture);
            return text.Contains('.', StringComparison.Ordinal) ? text : text + ".0";
        }

        // Java: one digit, '.', fraction (at least one digit), 'E', exponent without '+' or leading zeros.
        var exponent = (int)Math.Floor(Math.Log10(abs));
        var mantissa = value / Math.Pow(10, exponent);
        if (Math.Abs(mantissa) >= 10)
        {
            mantissa /= 10;
            exponent++;
        }

        var mantissaText = mantissa.ToString("R", CultureInfo.InvariantCulture);
        if (!mantissaText.Contains('.', StringComparison.Ordinal))
        {
            mantissaText += ".0";
        }

        return mantissaText + "E" + exponent.ToString(CultureInfo.InvariantCulture);
    }
}
