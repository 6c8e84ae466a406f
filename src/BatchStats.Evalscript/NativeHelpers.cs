using Jint;
using Jint.Native;
using Jint.Native.Function;
using Jint.Runtime.Interop;

namespace BatchStats.Evalscript;

/// <summary>
/// Native versions of the hottest prelude helpers. A JavaScript call costs Jint an environment and an execution
/// context per pixel; a native function does not. Each one computes exactly the prelude's expression in doubles
/// when every argument is a number, and otherwise calls the prelude's JavaScript version (kept only in this
/// closure), so strings, objects, missing arguments etc. behave as before. The sandbox is unchanged: these are
/// plain JS function objects, not CLR interop.
/// </summary>
internal static class NativeHelpers
{
    /// <summary>Replaces the prelude's <c>index</c> global; call after the prelude, before the user's script.</summary>
    public static void Install(Engine engine)
    {
        var jsIndex = (Function)engine.GetValue("index");
        engine.SetValue("index", new ClrFunction(engine, "index", (thisObj, args) =>
        {
            if (args.Length == 2 && args[0] is JsNumber x && args[1] is JsNumber y)
            {
                return JsNumber.Create(Index(x.AsNumber(), y.AsNumber()));
            }

            return jsIndex.Call(thisObj, args);
        }, length: 2));
    }

    /// <summary>The prelude's <c>(x + y) == 0 ? 0 : (x - y) / (x + y)</c> (evalscript-v3.md §8).</summary>
    public static double Index(double x, double y) => x + y == 0 ? 0 : (x - y) / (x + y);
}
