namespace BatchStats.Imagery.Tiff;

/// <summary>
/// TIFF LZW (compression 5): MSB-first codes of 9–12 bits, Clear = 256, EOI = 257, "early change" (the code width
/// grows one code before the table fills, as libtiff writes it).
/// </summary>
internal static class LzwDecoder
{
    private const int Clear = 256;
    private const int EndOfInformation = 257;
    private const int MaxCodes = 4096;

    /// <summary>Decodes into <paramref name="output"/>; returns the number of bytes written.</summary>
    public static int Decode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (input.Length >= 2 && input[0] == 0 && (input[1] & 0x01) != 0)
        {
            throw new NotSupportedException("Old-style (LSB-first) TIFF LZW is not supported.");
        }

        Span<short> prefix = stackalloc short[MaxCodes];
        Span<byte> suffix = stackalloc byte[MaxCodes];
        Span<byte> first = stackalloc byte[MaxCodes];
        Span<short> length = stackalloc short[MaxCodes];
        for (var i = 0; i < 256; i++)
        {
            suffix[i] = (byte)i;
            first[i] = (byte)i;
            length[i] = 1;
            prefix[i] = -1;
        }

        var width = 9;
        var next = 258;
        var old = -1;
        var outPos = 0;
        ulong bitBuffer = 0;
        var bitCount = 0;
        var inPos = 0;

        while (true)
        {
            while (bitCount < width)
            {
                if (inPos >= input.Length)
                {
                    return outPos; // ran out without EOI: tolerate, as libtiff does
                }

                bitBuffer = (bitBuffer << 8) | input[inPos++];
                bitCount += 8;
            }

            var code = (int)((bitBuffer >> (bitCount - width)) & ((1UL << width) - 1));
            bitCount -= width;

            if (code == EndOfInformation)
            {
                return outPos;
            }

            if (code == Clear)
            {
                width = 9;
                next = 258;
                old = -1;
                continue;
            }

            if (old == -1)
            {
                if (code > 255)
                {
                    throw new InvalidDataException($"Corrupt LZW data: first code after Clear is {code}.");
                }

                if (outPos < output.Length)
                {
                    output[outPos] = (byte)code;
                }

                outPos++;
                old = code;
                continue;
            }

            int emit;
            if (code < next)
            {
                emit = code;
                if (next < MaxCodes)
                {
                    prefix[next] = (short)old;
                    suffix[next] = first[code];
                    first[next] = first[old];
                    length[next] = (short)(length[old] + 1);
                    next++;
                }
            }
            else if (code == next && next < MaxCodes)
            {
                prefix[next] = (short)old;
                suffix[next] = first[old];
                first[next] = first[old];
                length[next] = (short)(length[old] + 1);
                emit = next;
                next++;
            }
            else
            {
                throw new InvalidDataException($"Corrupt LZW data: code {code} beyond table size {next}.");
            }

            // Write the string of 'emit' backwards from its last byte.
            int len = length[emit];
            var end = outPos + len;
            var c = emit;
            for (var p = end - 1; p >= outPos; p--)
            {
                if (p < output.Length)
                {
                    output[p] = suffix[c];
                }

                c = prefix[c];
            }

            outPos = end;
            old = code;
            if (next >= (1 << width) - 1 && width < 12)
            {
                width++;
            }

            if (outPos >= output.Length && output.Length > 0)
            {
                return output.Length;
            }
        }
    }
}
