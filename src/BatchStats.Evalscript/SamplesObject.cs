using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime.Descriptors;

namespace BatchStats.Evalscript;

/// <summary>
/// The one <c>samples</c> object a sample set feeds to evaluatePixel, rewritten for every pixel. Writing through the
/// property descriptors kept from the first pixel avoids a descriptor allocation and a dictionary insert per band
/// per pixel. A script may change the object (delete a band, freeze it, turn a band into an accessor): then the
/// descriptor is no longer this object's plain writable data property and the band is set afresh, exactly as
/// before this optimisation (every pixel starts from plain data properties holding that pixel's values).
/// </summary>
internal sealed class SamplesObject
{
    private readonly JsString[] _keys;
    private readonly PropertyDescriptor?[] _descriptors;

    public SamplesObject(Engine engine, JsString[] keys)
    {
        Object = new JsObject(engine);
        _keys = keys;
        _descriptors = new PropertyDescriptor?[keys.Length];
    }

    public JsObject Object { get; }

    /// <summary>Sets band <paramref name="index"/> (order of the keys given at construction).</summary>
    public void Set(int index, JsValue value)
    {
        var descriptor = _descriptors[index];
        if (descriptor is not null
            && ReferenceEquals(Object.GetOwnProperty(_keys[index]), descriptor)
            && descriptor.Writable && descriptor.Configurable && descriptor.Enumerable && descriptor.IsDataDescriptor())
        {
            descriptor.Value = value;
            return;
        }

        Object.FastSetDataProperty(_keys[index].ToString(), value);
        _descriptors[index] = Object.GetOwnProperty(_keys[index]);
    }
}
