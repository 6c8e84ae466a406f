using System.Globalization;

namespace BatchStats.Bench.EndToEnd;

/// <summary>Command-line options of the console scenarios (<c>e2e</c>, <c>gen</c>); <c>--name value</c> pairs.</summary>
public sealed class EndToEndOptions
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    private EndToEndOptions()
    {
    }

    public static EndToEndOptions Parse(IEnumerable<string> args)
    {
        var options = new EndToEndOptions();
        string? name = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (name is not null)
                {
                    options._values[name] = "true";
                }

                name = arg[2..];
            }
            else if (name is not null)
            {
                options._values[name] = arg;
                name = null;
            }
            else
            {
                throw new ArgumentException($"unexpected argument '{arg}': options are --name value pairs");
            }
        }

        if (name is not null)
        {
            options._values[name] = "true";
        }

        return options;
    }

    public string? String(string name) => _values.GetValueOrDefault(name);

    public string Required(string name) =>
        String(name) ?? throw new ArgumentException($"--{name} is required");

    public int Int(string name, int fallback) =>
        String(name) is { } text
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0
                ? v
                : throw new ArgumentException($"--{name}: '{text}' is not a positive integer")
            : fallback;

    public bool Flag(string name) => String(name) is "true" or "1" or "yes";
}
