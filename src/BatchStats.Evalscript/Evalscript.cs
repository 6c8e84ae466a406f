using Acornima;
using Acornima.Ast;
using BatchStats.Evalscript.FastPath;
using Jint;
using Jint.Native.Function;

namespace BatchStats.Evalscript;

/// <summary>Entry point: parse, check and analyse an Evalscript V3 once per job.</summary>
public static class Evalscript
{
    private const string VersionLine = "//VERSION=3";

    /// <summary>
    /// Parses the script once, checks <c>//VERSION=3</c>, runs <c>setup()</c> in a sandbox and validates it
    /// (evalscript-v3.md §1, §2, §9 items 1–4). Throws <see cref="EvalscriptCompileException"/> naming the check.
    /// </summary>
    public static CompiledEvalscript Compile(string source, EvalscriptOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= EvalscriptOptions.Default;
        CheckVersion(source);

        Prepared<Script> prepared;
        try
        {
            // U+FEFF is JavaScript whitespace, so a BOM needs no stripping and positions stay the user's.
            prepared = Engine.PrepareScript(source, ErrorMapping.ScriptName);
        }
        catch (ScriptPreparationException ex) when (ex.InnerException is ParseErrorException parse)
        {
            throw new EvalscriptCompileException($"syntax error: {parse.Error.Description}", parse.LineNumber, parse.Column, ex);
        }

        var program = prepared.Program!;
        CheckUnsupportedCalls(program);

        SandboxEngine sandbox;
        try
        {
            sandbox = new SandboxEngine(prepared, options);
        }
        catch (Exception ex) when (ex is not EvalscriptCompileException)
        {
            throw ErrorMapping.ToCompile(ex, "the script's top-level code");
        }

        var engine = sandbox.Engine;
        if (engine.GetValue("setup") is not Function setupFunction)
        {
            throw new EvalscriptCompileException("the script must define a function setup()");
        }

        if (engine.GetValue("evaluatePixel") is not Function)
        {
            throw new EvalscriptCompileException("the script must define a function evaluatePixel(samples)");
        }

        EvalscriptSetup setup;
        sandbox.Budget.Arm();
        try
        {
            setup = SetupReader.Read(engine.Call(setupFunction, Jint.Native.JsValue.Undefined, []), options);
        }
        catch (Exception ex) when (ex is not EvalscriptCompileException)
        {
            throw ErrorMapping.ToCompile(ex, "setup()");
        }
        finally
        {
            sandbox.Budget.Disarm();
        }

        string? reason = "disabled by options";
        var fastPath = options.EnableFastPath ? FastPathCompiler.TryCompile(program, setup, out reason) : null;

        return new CompiledEvalscript(prepared, setup, options, fastPath, fastPath is null ? reason : null, FindFunctionLine(program, "evaluatePixel"));
    }

    private static void CheckVersion(string source)
    {
        var trimmed = source.AsSpan().TrimStart(); // also removes a leading BOM (U+FEFF is white space to .NET)
        if (trimmed.Length > 0 && trimmed[0] == '\uFEFF')
        {
            trimmed = trimmed[1..].TrimStart();
        }

        if (!trimmed.StartsWith(VersionLine, StringComparison.Ordinal)
            || (trimmed.Length > VersionLine.Length && !char.IsWhiteSpace(trimmed[VersionLine.Length])))
        {
            var firstLine = trimmed.ToString().Split('\n')[0].Trim();
            throw new EvalscriptCompileException(
                $"the script must start with //VERSION=3 (only Evalscript V3 is supported); it starts with '{(firstLine.Length > 40 ? firstLine[..40] : firstLine)}'");
        }
    }

    private static void CheckUnsupportedCalls(Script program)
    {
        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var statement in program.Body)
        {
            if (statement is FunctionDeclaration { Id: { } id })
            {
                declared.Add(id.Name);
            }
            else if (statement is VariableDeclaration vd)
            {
                foreach (var d in vd.Declarations)
                {
                    if (d.Id is Identifier i)
                    {
                        declared.Add(i.Name);
                    }
                }
            }
        }

        var stack = new Stack<Node>();
        stack.Push(program);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            var name = node switch
            {
                CallExpression { Callee: Identifier c } => c.Name,
                NewExpression { Callee: Identifier c } => c.Name,
                _ => null,
            };
            if (name is not null && Prelude.UnsupportedFunctions.Contains(name) && !declared.Contains(name))
            {
                throw new EvalscriptCompileException($"unsupported function '{name}' (visualisation helpers are not provided)", node.Location.Start.Line, node.Location.Start.Column + 1);
            }

            foreach (var child in node.ChildNodes)
            {
                stack.Push(child);
            }
        }
    }

    private static (int Line, int Column)? FindFunctionLine(Script program, string name)
    {
        foreach (var statement in program.Body)
        {
            if (statement is FunctionDeclaration { Id: { } id } f && id.Name == name)
            {
                return (f.Location.Start.Line, f.Location.Start.Column + 1);
            }
        }

        return null;
    }
}
