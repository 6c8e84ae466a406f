using BatchStats.Functions;
using BatchStats.InvokeHost;

// dotnet BatchStats.InvokeHost.dll --urls http://127.0.0.1:9002   (AWS_ENDPOINT_URL, BATCHSTATS_* from the environment)
var url = args.SkipWhile(a => a != "--urls").Skip(1).FirstOrDefault()
          ?? Environment.GetEnvironmentVariable("ASPNETCORE_URLS") ?? "http://127.0.0.1:9002";
await using var host = await LambdaInvokeHost.StartAsync(LambdaInvokeHost.BatchStatsFunctions(FunctionServices.Default), url);
Console.WriteLine($"BatchStats Lambda Invoke host listening on {host.Endpoint}");
var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
await stop.Task;
