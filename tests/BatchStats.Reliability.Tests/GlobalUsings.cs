global using BatchStats.Reliability.Tests.Corpus;
