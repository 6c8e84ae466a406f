using Jint;
using Jint.Native;
using Jint.Native.Object;

namespace BatchStats.Evalscript;

/// <summary>Reads and validates the object returned by <c>setup()</c> (evalscript-v3.md §2, §9 items 2–4).</summary>
internal static class SetupReader
{
    public static EvalscriptSetup Read(JsValue value, EvalscriptOptions options)
    {
        if (!value.IsObject() || value.IsArray())
        {
            throw Fail("setup() must return an object with 'input' and 'output'");
        }

        var obj = value.AsObject();
        var (bands, bounds) = ReadInput(obj.Get("input"), options);
        var (outputs, dataMask, maskOf) = ReadOutputs(obj.Get("output"));
        var mosaicking = ReadMosaicking(obj.Get("mosaicking"));
        return new EvalscriptSetup(bands, bounds, outputs, dataMask, maskOf, mosaicking);
    }

    private static (IReadOnlyList<InputBand>, bool) ReadInput(JsValue input, EvalscriptOptions options)
    {
        if (input.IsUndefined() || input.IsNull())
        {
            throw Fail("setup: 'input' is required");
        }

        if (!input.IsArray())
        {
            throw Fail("setup: 'input' must be an array of band names or of input objects");
        }

        var items = input.AsArray();
        if (items.Length == 0)
        {
            throw Fail("setup: 'input' must not be empty");
        }

        List<string> names;
        List<string?> units;
        var bounds = false;
        if (items.All(i => i.IsString()))
        {
            names = items.Select(i => i.AsString()).ToList();
            units = names.Select(_ => (string?)null).ToList();
        }
        else if (items.All(i => i.IsObject() && !i.IsArray()))
        {
            if (items.Length != 1)
            {
                throw Fail($"setup: 'input' has {items.Length} input objects; exactly one data collection is supported");
            }

            var spec = items[0].AsObject();
            var bandsValue = spec.Get("bands");
            if (!bandsValue.IsArray() || bandsValue.AsArray().Length == 0 || !bandsValue.AsArray().All(b => b.IsString()))
            {
                throw Fail("setup: input 'bands' must be a non-empty array of band-name strings");
            }

            names = bandsValue.AsArray().Select(b => b.AsString()).ToList();
            units = ReadUnits(spec.Get("units"), names.Count);
            bounds = ReadMetadata(spec.Get("metadata"));
        }
        else
        {
            throw Fail("setup: 'input' must be an array of band-name strings or an array with one input object, not a mix");
        }

        var result = new List<InputBand>(names.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            if (!seen.Add(name))
            {
                throw Fail($"setup: input band '{name}' is listed twice");
            }

            result.Add(new InputBand(name, ResolveUnit(name, units[i], options)));
        }

        return (result, bounds);
    }

    private static List<string?> ReadUnits(JsValue units, int bandCount)
    {
        if (units.IsUndefined() || units.IsNull())
        {
            return Enumerable.Repeat<string?>(null, bandCount).ToList();
        }

        if (units.IsString())
        {
            return Enumerable.Repeat<string?>(units.AsString(), bandCount).ToList();
        }

        if (units.IsArray() && units.AsArray().All(u => u.IsString()))
        {
            var list = units.AsArray().Select(u => (string?)u.AsString()).ToList();
            if (list.Count != bandCount)
            {
                throw Fail($"setup: input 'units' has {list.Count} entries but 'bands' has {bandCount}");
            }

            return list;
        }

        throw Fail("setup: input 'units' must be a string or an array of strings");
    }

    private static bool ReadMetadata(JsValue metadata)
    {
        if (metadata.IsUndefined() || metadata.IsNull())
        {
            return false;
        }

        if (!metadata.IsArray() || !metadata.AsArray().All(m => m.IsString()))
        {
            throw Fail("setup: input 'metadata' must be an array of strings");
        }

        foreach (var m in metadata.AsArray())
        {
            if (m.AsString() != "bounds")
            {
                throw Fail($"setup: input 'metadata' value '{m.AsString()}' is not supported (only \"bounds\")");
            }
        }

        return metadata.AsArray().Length > 0;
    }

    private static string? ResolveUnit(string band, string? unit, EvalscriptOptions options)
    {
        if (band == EvalscriptSetup.DataMaskName)
        {
            return null;
        }

        if (options.KnownBands is null)
        {
            return unit?.ToUpperInvariant();
        }

        if (!options.KnownBands.TryGetValue(band, out var allowed))
        {
            throw Fail($"setup: input band '{band}' is not available for this collection (band not available)");
        }

        if (unit is null)
        {
            return allowed.Count > 0 ? allowed[0] : null;
        }

        // Docs use both "REFLECTANCE" and "reflectance" (evalscript-v3.md §2 Decision).
        foreach (var candidate in allowed)
        {
            if (string.Equals(candidate, unit, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        throw Fail($"setup: unit '{unit}' is not valid for band '{band}' (valid: {(allowed.Count == 0 ? "none" : string.Join(", ", allowed))})");
    }

    private static (IReadOnlyList<EvalscriptOutput>, EvalscriptOutput, IReadOnlyList<int>) ReadOutputs(JsValue output)
    {
        if (output.IsUndefined() || output.IsNull())
        {
            throw Fail("setup: 'output' is required");
        }

        var items = output.IsArray() ? output.AsArray().ToList() : [output];
        if (items.Count == 0)
        {
            throw Fail("setup: 'output' must not be empty");
        }

        var all = new List<EvalscriptOutput>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!item.IsObject() || item.IsArray())
            {
                throw Fail("setup: each 'output' entry must be an object {id, bands, sampleType}");
            }

            var o = ReadOutput(item.AsObject());
            if (!ids.Add(o.Id))
            {
                throw Fail($"setup: output id '{o.Id}' is used more than once");
            }

            all.Add(o);
        }

        var masks = all.Where(o => o.Id == EvalscriptSetup.DataMaskName).ToList();
        if (masks.Count == 0)
        {
            throw Fail("setup: an output with id 'dataMask' is required in statistics scripts (S20)");
        }

        var dataMask = masks[0];
        var outputs = all.Where(o => o.Id != EvalscriptSetup.DataMaskName).ToList();
        var maskOf = new int[outputs.Count];
        if (dataMask.BandsDeclaredAsCount || dataMask.BandCount == 1)
        {
            // S21: one band, or n unnamed bands (band 0), masks every output.
            Array.Fill(maskOf, 0);
        }
        else
        {
            foreach (var name in dataMask.BandNames)
            {
                if (!outputs.Any(o => o.Id == name))
                {
                    throw Fail($"setup: dataMask band '{name}' does not name an output (S21)");
                }
            }

            for (var i = 0; i < outputs.Count; i++)
            {
                // S21 Decision: an output not named by a multi-band dataMask is unmasked.
                maskOf[i] = dataMask.BandNames.ToList().IndexOf(outputs[i].Id);
            }
        }

        return (outputs, dataMask, maskOf);
    }

    private static EvalscriptOutput ReadOutput(ObjectInstance o)
    {
        var idValue = o.Get("id");
        string id;
        if (idValue.IsUndefined() || idValue.IsNull())
        {
            id = "default";
        }
        else if (idValue.IsString() && idValue.AsString().Length > 0)
        {
            id = idValue.AsString();
        }
        else
        {
            throw Fail("setup: output 'id' must be a non-empty string");
        }

        var bands = o.Get("bands");
        IReadOnlyList<string> names;
        bool asCount;
        if (bands.IsNumber())
        {
            var n = bands.AsNumber();
            if (n < 1 || n != Math.Floor(n) || n > 10_000)
            {
                throw Fail($"setup: output '{id}' bands must be an integer ≥ 1 or an array of names, got {n}");
            }

            names = BandKeys((int)n);
            asCount = true;
        }
        else if (bands.IsArray())
        {
            var arr = bands.AsArray();
            if (arr.Length == 0 || !arr.All(b => b.IsString() && b.AsString().Length > 0))
            {
                throw Fail($"setup: output '{id}' bands must be a non-empty array of non-empty names");
            }

            names = arr.Select(b => b.AsString()).ToArray();
            if (names.Distinct(StringComparer.Ordinal).Count() != names.Count)
            {
                throw Fail($"setup: output '{id}' band names must be unique");
            }

            asCount = false;
        }
        else
        {
            throw Fail($"setup: output '{id}' must declare 'bands' as an integer ≥ 1 or an array of names");
        }

        var sampleType = ReadSampleType(o.Get("sampleType"), id);
        return new EvalscriptOutput(id, names, asCount, sampleType);
    }

    internal static string[] BandKeys(int n)
    {
        var keys = new string[n];
        for (var i = 0; i < n; i++)
        {
            keys[i] = "B" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return keys;
    }

    private static EvalscriptSampleType ReadSampleType(JsValue value, string id)
    {
        if (value.IsUndefined() || value.IsNull())
        {
            return EvalscriptSampleType.Float32; // S19: the Statistical API default.
        }

        var text = value.IsString() ? value.AsString() : value.ToString();
        return text.ToUpperInvariant() switch
        {
            "FLOAT32" => EvalscriptSampleType.Float32,
            "AUTO" => EvalscriptSampleType.Auto,
            "INT8" => EvalscriptSampleType.Int8,
            "UINT8" => EvalscriptSampleType.Uint8,
            "INT16" => EvalscriptSampleType.Int16,
            "UINT16" => EvalscriptSampleType.Uint16,
            _ => throw Fail($"setup: output '{id}' sampleType '{text}' is not one of INT8, UINT8, INT16, UINT16, FLOAT32, AUTO"),
        };
    }

    private static MosaickingMode ReadMosaicking(JsValue value)
    {
        if (value.IsUndefined() || value.IsNull())
        {
            return MosaickingMode.Simple;
        }

        var text = value.IsString() ? value.AsString() : value.ToString();
        return text.ToUpperInvariant() switch
        {
            "SIMPLE" => MosaickingMode.Simple,
            "ORBIT" => MosaickingMode.Orbit,
            "TILE" => MosaickingMode.Tile,
            _ => throw Fail($"setup: mosaicking '{text}' is not one of SIMPLE, ORBIT, TILE"),
        };
    }

    private static EvalscriptCompileException Fail(string message) => new(message);
}
