using BatchStats.Core.Numbers;

namespace BatchStats.Core.Tests.Numbers;

public class JavaDoubleTests
{
    [Theory]
    // S29 examples
    [InlineData(8.0, "8.0")]
    [InlineData(0.07970000058412552, "0.07970000058412552")]
    [InlineData(0.20000000000000018, "0.20000000000000018")]
    [InlineData(6.027410152775339, "6.027410152775339")]
    [InlineData(1e-4, "1.0E-4")]
    [InlineData(12345678.0, "1.2345678E7")]
    [InlineData(2.5e-5, "2.5E-5")]
    [InlineData(0.0, "0.0")]
    [InlineData(-0.0, "-0.0")]
    // S24 examples
    [InlineData(5.0, "5.0")]
    [InlineData(2.5, "2.5")]
    [InlineData(33.3, "33.3")]
    [InlineData(50.0, "50.0")]
    [InlineData(100.0, "100.0")]
    // Boundaries of the plain range [1e-3, 1e7)
    [InlineData(0.001, "0.001")]
    [InlineData(9.999999999999998E-4, "9.999999999999998E-4")]
    [InlineData(9999999.0, "9999999.0")]
    [InlineData(1e7, "1.0E7")]
    [InlineData(-1e7, "-1.0E7")]
    [InlineData(-0.3999999999999999, "-0.3999999999999999")]
    [InlineData(1234.5, "1234.5")]
    [InlineData(1e23, "1.0E23")]
    [InlineData(2e23, "2.0E23")]
    [InlineData(1.7976931348623157E308, "1.7976931348623157E308")]
    // Java's two-digit rule for a one-digit shortest decimal: Double.MIN_VALUE prints as 4.9E-324.
    [InlineData(double.Epsilon, "4.9E-324")]
    [InlineData(2.2250738585072014E-308, "2.2250738585072014E-308")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Formats_like_Java_Double_toString(double value, string expected)
    {
        Assert.Equal(expected, JavaDouble.Format(value));
    }

    [Theory]
    [InlineData(5.0, "5.0")]
    [InlineData(2.5, "2.5")]
    [InlineData(33.3, "33.3")]
    [InlineData(0.0, "0.0")]
    [InlineData(0.0001, "1.0E-4")]
    [InlineData(50.0, "50.0")]
    public void Percentile_keys_follow_S24(double k, string expected)
    {
        Assert.Equal(expected, PercentileKey.Format(k));
    }

    [Fact]
    public void Formatted_values_parse_back_to_the_same_double()
    {
        var random = new Random(12345);
        for (var i = 0; i < 20000; i++)
        {
            var value = BitConverter.Int64BitsToDouble(random.NextInt64());
            if (!double.IsFinite(value))
            {
                continue;
            }

            var text = JavaDouble.Format(value);
            Assert.Equal(value, double.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(text.Contains('.'), text);
        }
    }

    [Fact]
    public void Comparer_orders_like_Java_Double_compare()
    {
        double[] values = [double.NaN, 1.0, -0.0, double.PositiveInfinity, 0.0, double.NegativeInfinity, -1.0];
        Array.Sort(values, JavaDoubleComparer.Instance);
        Assert.Equal(double.NegativeInfinity, values[0]);
        Assert.Equal(-1.0, values[1]);
        Assert.True(double.IsNegative(values[2]) && values[2] == 0);
        Assert.True(!double.IsNegative(values[3]) && values[3] == 0);
        Assert.Equal(1.0, values[4]);
        Assert.Equal(double.PositiveInfinity, values[5]);
        Assert.True(double.IsNaN(values[6]));
        Assert.Equal(-1.5, JavaDoubleComparer.FromSortKey(JavaDoubleComparer.SortKey(-1.5)));
    }
}
