using Jint;

namespace BatchStats.Evalscript;

/// <summary>The helpers and constants of evalscript-v3.md §8, defined in JavaScript so they behave exactly like user code.</summary>
internal static class Prelude
{
    public const string Source = """
        var JAVA_DOUBLE_MAX_VAL = 1.7976931348623157E308;
        var SampleType = Object.freeze({ INT8: "INT8", UINT8: "UINT8", INT16: "INT16", UINT16: "UINT16", FLOAT32: "FLOAT32", AUTO: "AUTO" });
        var Mosaicking = Object.freeze({ SIMPLE: "SIMPLE", ORBIT: "ORBIT", TILE: "TILE" });
        var console = { log: function () {}, info: function () {}, warn: function () {}, error: function () {}, debug: function () {} };
        function index(x, y) {
          return (x + y) == 0 ? 0 : (x - y) / (x + y);
        }
        function inverse(x) {
          return x == 0 ? JAVA_DOUBLE_MAX_VAL : 1 / x;
        }
        function valueMap(v, intervals, values) {
          if (arguments.length < 2) return v;
          for (var i = 0; i < intervals.length; i++) {
            if (v <= intervals[i]) return values[i];
          }
          return values[intervals.length];
        }
        function __lerp(a, b, t) {
          if (Array.isArray(a)) {
            var r = new Array(a.length);
            for (var k = 0; k < a.length; k++) r[k] = a[k] + (b[k] - a[k]) * t;
            return r;
          }
          return a + (b - a) * t;
        }
        function valueInterpolate(v, intervals, values) {
          if (arguments.length < 2) return v;
          var n = intervals.length;
          if (v <= intervals[0]) return values[0];
          if (v >= intervals[n - 1]) return values[n - 1];
          for (var i = 1; i < n; i++) {
            if (v <= intervals[i]) return __lerp(values[i - 1], values[i], (v - intervals[i - 1]) / (intervals[i] - intervals[i - 1]));
          }
          return NaN;
        }
        """;

    /// <summary>Visualisation helpers we do not provide (evalscript-v3.md §8 Decision): calling one fails analysis.</summary>
    public static readonly IReadOnlySet<string> UnsupportedFunctions = new HashSet<string>(StringComparer.Ordinal)
    {
        "colorBlend", "combine", "int2rgb", "rgb2int", "normalizeRGB",
        "ColorMapVisualizer", "ColorGradientVisualizer", "HighlightCompressVisualizer", "HighlightCompressVisualizerSingle",
        "Identity", "DefaultVisualizer", "ColorRampVisualizer",
    };

    public static readonly Prepared<Acornima.Ast.Script> Prepared = Engine.PrepareScript(Source, "evalscript-prelude");
}
