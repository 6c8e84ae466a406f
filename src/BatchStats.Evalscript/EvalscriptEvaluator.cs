using System.Globalization;
using Jint;
using Jint.Native;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Runtime;

namespace BatchStats.Evalscript;

/// <summary>
/// Runs one compiled evalscript on whole feature-interval grids. Not thread-safe: one per worker thread.
/// Call order per interval (evalscript-v3.md §1, S18): [<see cref="PreProcessScenes"/>], then
/// <c>Evaluate</c> = updateOutput → evaluatePixel for every pixel (dataMask 0 ones too) → updateOutputMetadata.
/// </summary>
public sealed class EvalscriptEvaluator
{
    private const int TimeCheckEvery = 1024;
    private static readonly JsString s_lengthKey = new("length");

    private readonly CompiledEvalscript _script;
    private readonly EvalscriptSetup _setup;
    private readonly bool _useFastPath;
    private readonly JsString[] _outputKeys;
    private readonly string[] _sampleBandNames;
    private readonly JsString[] _sampleKeys;
    private SandboxEngine? _sandbox;
    private Function? _evaluatePixel;
    private JsValue[]? _pixelArgs;
    private JsNumber? _zero;
    private JsNumber? _one;

    internal EvalscriptEvaluator(CompiledEvalscript script, bool useFastPath)
    {
        _script = script;
        _setup = script.Setup;
        _useFastPath = useFastPath && script.FastPath is not null;
        var all = _setup.Outputs.Append(_setup.DataMask).ToArray();
        _outputKeys = all.Select(o => new JsString(o.Id)).ToArray();
        _sampleBandNames = _setup.SampleBands.Select(b => b.Name).ToArray();
        _sampleKeys = _sampleBandNames.Append(EvalscriptSetup.DataMaskName).Select(n => new JsString(n)).ToArray();
    }

    /// <summary>True when this evaluator runs SIMPLE intervals as compiled .NET code.</summary>
    public bool IsFastPath => _useFastPath;

    /// <summary>SIMPLE mosaicking: one sample set for the whole grid. <paramref name="scenes"/> only feeds <c>updateOutput</c>'s scene list.</summary>
    public EvaluationResult Evaluate(SampleSet samples, ScenesDescription? scenes = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (_setup.Mosaicking != MosaickingMode.Simple)
        {
            throw new InvalidOperationException($"the script uses {_setup.Mosaicking} mosaicking: pass one sample set per orbit/tile with the scenes");
        }

        CheckBands(samples);
        if (_useFastPath)
        {
            return _script.FastPath!.Evaluate(samples, _setup);
        }

        return EvaluateJs([samples], samples.PixelCount, scenes ?? new ScenesDescription(default, default), simple: true);
    }

    /// <summary>ORBIT/TILE mosaicking: sample set k belongs to <c>scenes.Orbits[k]</c> (ORBIT) or <c>scenes.Tiles[k]</c> (TILE).</summary>
    public EvaluationResult Evaluate(IReadOnlyList<SampleSet> samples, ScenesDescription scenes, int pixelCount)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(scenes);
        if (_setup.Mosaicking == MosaickingMode.Simple)
        {
            throw new InvalidOperationException("the script uses SIMPLE mosaicking: pass a single sample set");
        }

        var expected = _setup.Mosaicking == MosaickingMode.Orbit ? scenes.Orbits.Count : scenes.Tiles.Count;
        if (samples.Count != expected)
        {
            throw new ArgumentException($"{samples.Count} sample sets given for {expected} {(_setup.Mosaicking == MosaickingMode.Orbit ? "orbits" : "tiles")}", nameof(samples));
        }

        foreach (var s in samples)
        {
            CheckBands(s);
            if (s.PixelCount != pixelCount)
            {
                throw new ArgumentException($"every sample set must have {pixelCount} pixels", nameof(samples));
            }
        }

        return EvaluateJs(samples, pixelCount, scenes, simple: false);
    }

    /// <summary>
    /// Runs <c>preProcessScenes</c> (ORBIT/TILE) and returns the orbits/tiles it kept, in the order returned;
    /// the input unchanged when the script has none. An empty result means the interval is not emitted (S7).
    /// </summary>
    public ScenesDescription PreProcessScenes(ScenesDescription scenes)
    {
        ArgumentNullException.ThrowIfNull(scenes);
        var sandbox = Sandbox();
        if (_setup.Mosaicking == MosaickingMode.Simple || sandbox.Engine.GetValue("preProcessScenes") is not Function fn)
        {
            return scenes;
        }

        var engine = sandbox.Engine;
        sandbox.Budget.Arm();
        try
        {
            var orbit = _setup.Mosaicking == MosaickingMode.Orbit;
            var created = new List<ObjectInstance>();
            var list = new List<JsValue>();
            if (orbit)
            {
                foreach (var o in scenes.Orbits)
                {
                    var jo = new JsObject(engine);
                    jo.FastSetDataProperty("dateFrom", new JsString(Iso(o.DateFrom)));
                    jo.FastSetDataProperty("dateTo", new JsString(Iso(o.DateTo)));
                    created.Add(jo);
                    list.Add(jo);
                }
            }
            else
            {
                foreach (var t in scenes.Tiles)
                {
                    var jt = Tile(engine, t);
                    created.Add(jt);
                    list.Add(jt);
                }
            }

            var inner = new JsObject(engine);
            inner.FastSetDataProperty(orbit ? "orbits" : "tiles", new JsArray(engine, list.ToArray()));
            var collections = new JsObject(engine);
            collections.FastSetDataProperty("from", NewDate(engine, scenes.IntervalFrom));
            collections.FastSetDataProperty("to", NewDate(engine, scenes.IntervalTo));
            collections.FastSetDataProperty("scenes", inner);

            var result = engine.Call(fn, JsValue.Undefined, [collections]);
            var kept = ReadKept(result, orbit, created, scenes);
            return orbit
                ? new ScenesDescription(scenes.IntervalFrom, scenes.IntervalTo, orbits: kept.Select(i => scenes.Orbits[i]).ToArray())
                : new ScenesDescription(scenes.IntervalFrom, scenes.IntervalTo, tiles: kept.Select(i => scenes.Tiles[i]).ToArray());
        }
        catch (Exception ex)
        {
            engine.Advanced.ResetCallStack();
            throw ErrorMapping.ToExecution(ex, "preProcessScenes");
        }
        finally
        {
            sandbox.Budget.Disarm();
        }
    }

    private static List<int> ReadKept(JsValue result, bool orbit, List<ObjectInstance> created, ScenesDescription scenes)
    {
        var key = orbit ? "orbits" : "tiles";
        var arr = result.IsObject() ? result.AsObject().Get("scenes") : JsValue.Undefined;
        arr = arr.IsObject() ? arr.AsObject().Get(key) : JsValue.Undefined;
        if (!arr.IsArray())
        {
            throw new EvalscriptExecutionException(EvalscriptFailureKind.ExecutionError, $"preProcessScenes must return {{scenes: {{{key}: [...]}}}}");
        }

        var kept = new List<int>();
        foreach (var item in arr.AsArray())
        {
            var index = item is ObjectInstance o ? created.FindIndex(c => ReferenceEquals(c, o)) : -1;
            if (index < 0 && orbit && item.IsObject())
            {
                // A script may build new orbit objects; match them by their day.
                var from = item.AsObject().Get("dateFrom");
                index = scenes.Orbits.ToList().FindIndex(x => Iso(x.DateFrom) == from.ToString());
            }

            if (index < 0)
            {
                throw new EvalscriptExecutionException(EvalscriptFailureKind.ExecutionError, $"preProcessScenes returned a {key[..^1]} that was not in its input");
            }

            kept.Add(index);
        }

        return kept;
    }

    private EvaluationResult EvaluateJs(IReadOnlyList<SampleSet> sets, int pixelCount, ScenesDescription scenes, bool simple)
    {
        var sandbox = Sandbox();
        var engine = sandbox.Engine;
        var phase = "updateOutput";
        var pixel = -1;
        sandbox.Budget.Arm();
        try
        {
            var inputMetadata = new JsObject(engine);
            inputMetadata.FastSetDataProperty("serviceVersion", new JsString("batchstats-1"));
            inputMetadata.FastSetDataProperty("normalizationFactor", new JsNumber(0.0001));
            var customData = new JsObject(engine);
            var outputMetadata = new JsObject(engine);
            outputMetadata.FastSetDataProperty("userData", JsValue.Undefined);
            var scenesJs = Scenes(engine, scenes, simple);

            var bandNames = UpdateOutput(engine, scenes);

            // Output buffers: index = setup output order, dataMask last.
            var outputCount = _outputKeys.Length;
            var types = new EvalscriptSampleType[outputCount];
            var buffers = new float[outputCount][][];
            var all = _setup.Outputs.Append(_setup.DataMask).ToArray();
            for (var o = 0; o < outputCount; o++)
            {
                types[o] = all[o].SampleType;
                buffers[o] = new float[bandNames[o].Count][];
                for (var b = 0; b < buffers[o].Length; b++)
                {
                    buffers[o][b] = new float[pixelCount];
                }
            }

            // One reusable samples object per sample set (properties overwritten per pixel).
            var sampleObjects = new SamplesObject[sets.Count];
            for (var k = 0; k < sets.Count; k++)
            {
                sampleObjects[k] = new SamplesObject(engine, _sampleKeys);
            }

            JsValue samplesArg = simple ? sampleObjects[0].Object : new JsArray(engine, sampleObjects.Select(s => (JsValue)s.Object).ToArray());
            var args = _pixelArgs!;
            args[0] = samplesArg;
            args[1] = scenesJs;
            args[2] = inputMetadata;
            args[3] = customData;
            args[4] = outputMetadata;
            var fn = _evaluatePixel!;
            var requestsMask = _setup.RequestsDataMask;
            var names = _sampleBandNames;

            phase = "evaluatePixel";
            for (pixel = 0; pixel < pixelCount; pixel++)
            {
                for (var k = 0; k < sampleObjects.Length; k++)
                {
                    var obj = sampleObjects[k];
                    var set = sets[k];
                    var bands = set.Bands;
                    for (var b = 0; b < names.Length; b++)
                    {
                        obj.Set(b, JsNumber.Create((double)bands[b][pixel]));
                    }

                    if (requestsMask)
                    {
                        obj.Set(names.Length, set.DataMask[pixel] != 0 ? _one! : _zero!);
                    }
                }

                var result = engine.Call(fn, JsValue.Undefined, args);
                ReadPixel(result, pixel, buffers, types);
                if ((pixel & (TimeCheckEvery - 1)) == TimeCheckEvery - 1)
                {
                    sandbox.Budget.CheckTime();
                }
            }

            pixel = -1;
            phase = "updateOutputMetadata";
            if (engine.GetValue("updateOutputMetadata") is Function meta)
            {
                engine.Call(meta, JsValue.Undefined, [scenesJs, inputMetadata, outputMetadata]);
            }

            return Assemble(pixelCount, buffers, bandNames, usedFastPath: false);
        }
        catch (Exception ex)
        {
            engine.Advanced.ResetCallStack();
            var mapped = ErrorMapping.ToExecution(ex, phase);
            throw pixel >= 0 && ex is not EvalscriptExecutionException
                ? new EvalscriptExecutionException(mapped.Kind, $"{StripLocation(mapped.Message)} at pixel {pixel}", mapped.Line, mapped.Column, ex)
                : mapped;
        }
        finally
        {
            sandbox.Budget.Disarm();
        }
    }

    private static string StripLocation(string message)
    {
        var at = message.LastIndexOf(" (line ", StringComparison.Ordinal);
        return at >= 0 ? message[..at] : message;
    }

    private void ReadPixel(JsValue result, int pixel, float[][][] buffers, EvalscriptSampleType[] types)
    {
        if (result is JsArray || !result.IsObject())
        {
            throw ReturnError(result is JsArray
                ? "evaluatePixel returned an array; statistics scripts must return an object keyed by output id"
                : $"evaluatePixel must return an object keyed by output id, got {(result.IsUndefined() ? "undefined" : result.ToString())}");
        }

        var obj = result.AsObject();
        for (var o = 0; o < _outputKeys.Length; o++)
        {
            var value = obj.Get(_outputKeys[o]);
            var target = buffers[o];
            var type = types[o];
            if (value is JsArray arr)
            {
                if (arr.Length != (uint)target.Length)
                {
                    throw ReturnError($"output '{_outputKeys[o]}' has {target.Length} band(s) but evaluatePixel returned {arr.Length} value(s)");
                }

                for (var b = 0; b < target.Length; b++)
                {
                    target[b][pixel] = Quantizer.Quantize(TypeConverter.ToNumber(arr[b]), type);
                }
            }
            else if (value.IsUndefined())
            {
                throw ReturnError($"evaluatePixel returned no value for output '{_outputKeys[o]}'");
            }
            else if (value is ObjectInstance typed && !value.IsString())
            {
                // Typed arrays and other array-likes.
                var length = TypeConverter.ToNumber(typed.Get(s_lengthKey));
                if (double.IsNaN(length) || length != target.Length)
                {
                    throw ReturnError($"output '{_outputKeys[o]}' has {target.Length} band(s) but evaluatePixel returned {(double.IsNaN(length) ? "a non-array" : length.ToString(CultureInfo.InvariantCulture) + " value(s)")}");
                }

                for (var b = 0; b < target.Length; b++)
                {
                    target[b][pixel] = Quantizer.Quantize(TypeConverter.ToNumber(typed.Get(b)), type);
                }
            }
            else
            {
                throw ReturnError($"output '{_outputKeys[o]}' must be an array of {target.Length} number(s), got {value}");
            }
        }
    }

    private EvalscriptExecutionException ReturnError(string message)
    {
        var at = _script.EvaluatePixelLocation;
        return new EvalscriptExecutionException(EvalscriptFailureKind.ExecutionError, message, at?.Line, at?.Column);
    }

    private List<IReadOnlyList<string>> UpdateOutput(Engine engine, ScenesDescription scenes)
    {
        var all = _setup.Outputs.Append(_setup.DataMask).ToArray();
        var names = all.Select(o => o.BandNames).ToList();
        if (engine.GetValue("updateOutput") is not Function fn)
        {
            return names;
        }

        var output = new JsObject(engine);
        var perOutput = new JsObject[all.Length];
        for (var o = 0; o < all.Length; o++)
        {
            perOutput[o] = new JsObject(engine);
            perOutput[o].FastSetDataProperty("bands", JsNumber.Create(all[o].BandCount));
            output.FastSetDataProperty(all[o].Id, perOutput[o]);
        }

        var sceneList = scenes.AllTiles.Select(t =>
        {
            var s = new JsObject(engine);
            s.FastSetDataProperty("date", NewDate(engine, t.Date));
            return (JsValue)s;
        }).ToArray();
        var collection = new JsObject(engine);
        collection.FastSetDataProperty("scenes", new JsArray(engine, sceneList));
        engine.Call(fn, JsValue.Undefined, [output, collection]);

        for (var o = 0; o < all.Length; o++)
        {
            if (!all[o].BandsDeclaredAsCount)
            {
                continue; // Decision: only integer-band outputs are resizable.
            }

            var n = TypeConverter.ToNumber(perOutput[o].Get("bands"));
            if (!(n >= 1) || n != Math.Floor(n) || n > 10_000)
            {
                throw new EvalscriptExecutionException(EvalscriptFailureKind.ExecutionError, $"updateOutput set output '{all[o].Id}' bands to {n}; it must be an integer ≥ 1");
            }

            if ((int)n != all[o].BandCount)
            {
                names[o] = SetupReader.BandKeys((int)n);
            }
        }

        return names;
    }

    private EvaluationResult Assemble(int pixelCount, float[][][] buffers, List<IReadOnlyList<string>> bandNames, bool usedFastPath)
    {
        var maskBuffers = buffers[^1];
        var masks = new byte[maskBuffers.Length][];
        for (var m = 0; m < masks.Length; m++)
        {
            var valid = new byte[pixelCount];
            var src = maskBuffers[m];
            for (var p = 0; p < pixelCount; p++)
            {
                valid[p] = Quantizer.IsValidMask(src[p]);
            }

            masks[m] = valid;
        }

        return BuildResult(_setup, pixelCount, buffers, bandNames, masks, usedFastPath);
    }

    internal static EvaluationResult BuildResult(EvalscriptSetup setup, int pixelCount, float[][][] buffers, IReadOnlyList<IReadOnlyList<string>> bandNames, byte[][] masks, bool usedFastPath)
    {
        byte[]? allValid = null;
        var outputs = new OutputValues[setup.Outputs.Count];
        for (var o = 0; o < outputs.Length; o++)
        {
            var maskBand = setup.MaskBandOfOutput[o];
            byte[] valid;
            if (maskBand < 0)
            {
                if (allValid is null)
                {
                    allValid = new byte[pixelCount];
                    Array.Fill(allValid, (byte)1);
                }

                valid = allValid;
            }
            else
            {
                valid = masks[maskBand];
            }

            outputs[o] = new OutputValues(setup.Outputs[o], bandNames[o], buffers[o], valid, maskBand >= 0);
        }

        return new EvaluationResult(pixelCount, outputs, usedFastPath);
    }

    private void CheckBands(SampleSet samples)
    {
        if (samples.Bands.Length != _sampleBandNames.Length)
        {
            throw new ArgumentException($"expected {_sampleBandNames.Length} band arrays ({string.Join(", ", _sampleBandNames)}), got {samples.Bands.Length}", nameof(samples));
        }
    }

    private SandboxEngine Sandbox()
    {
        if (_sandbox is null)
        {
            _sandbox = _script.CreateEngine();
            _evaluatePixel = (Function)_sandbox.Engine.GetValue("evaluatePixel");
            _pixelArgs = new JsValue[5];
            _zero = JsNumber.Create(0);
            _one = JsNumber.Create(1);
        }

        return _sandbox;
    }

    private JsValue Scenes(Engine engine, ScenesDescription scenes, bool simple)
    {
        var obj = new JsObject(engine);
        if (simple)
        {
            return obj;
        }

        if (_setup.Mosaicking == MosaickingMode.Orbit)
        {
            var orbits = scenes.Orbits.Select(o =>
            {
                var jo = new JsObject(engine);
                jo.FastSetDataProperty("dateFrom", new JsString(Iso(o.DateFrom)));
                jo.FastSetDataProperty("dateTo", new JsString(Iso(o.DateTo)));
                jo.FastSetDataProperty("tiles", new JsArray(engine, o.Tiles.Select(t => (JsValue)Tile(engine, t)).ToArray()));
                return (JsValue)jo;
            }).ToArray();
            obj.FastSetDataProperty("orbits", new JsArray(engine, orbits));
        }
        else
        {
            obj.FastSetDataProperty("tiles", new JsArray(engine, scenes.Tiles.Select(t => (JsValue)Tile(engine, t)).ToArray()));
        }

        return obj;
    }

    private JsObject Tile(Engine engine, SceneTile t)
    {
        var jt = new JsObject(engine);
        jt.FastSetDataProperty("date", new JsString(Iso(t.Date)));
        jt.FastSetDataProperty("cloudCoverage", new JsNumber(t.CloudCoverage));
        jt.FastSetDataProperty("dataPath", new JsString(t.DataPath));
        jt.FastSetDataProperty("shId", new JsNumber((double)t.ShId));
        if (_setup.RequestsBounds)
        {
            var parse = (Function)((ObjectInstance)engine.GetValue("JSON")).Get("parse");
            jt.FastSetDataProperty("dataGeometry", t.DataGeometryJson is null ? JsValue.Undefined : engine.Call(parse, JsValue.Undefined, [new JsString(t.DataGeometryJson)]));
            jt.FastSetDataProperty("dataEnvelope", t.DataEnvelopeJson is null ? JsValue.Undefined : engine.Call(parse, JsValue.Undefined, [new JsString(t.DataEnvelopeJson)]));
        }

        return jt;
    }

    private static JsValue NewDate(Engine engine, DateTimeOffset value) =>
        engine.Construct("Date", JsNumber.Create((double)value.ToUnixTimeMilliseconds()));

    private static string Iso(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
