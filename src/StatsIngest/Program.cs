using StatsIngest.Cli;

return StatsIngestCli.Run(args);
