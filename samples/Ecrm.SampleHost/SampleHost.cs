using Ecrm.SampleHost.Commands;
using Microsoft.Extensions.DependencyInjection;

namespace Ecrm.SampleHost;

/// <summary>The sample host's entry point, callable in-process by tests.</summary>
internal static class SampleHost
{
    public const string Usage = """
        Ecrm.Sdk sample host

        Usage:
          ecrm-sample                                   generate ~100,000 seeded multi-channel events, ingest them, print 360 cards
          ecrm-sample demo [--events N] [--seed S]      the same, with another size or seed
          ecrm-sample generate --customers N --out FILE.jsonl [--seed S]
                                                        write the events of N people as JSON Lines
          ecrm-sample ingest --events FILE.jsonl        ingest a JSON Lines file and print a summary
          ecrm-sample customer --identity KIND:VALUE [--events FILE.jsonl]
                                                        print a customer's 360 as JSON (after ingesting FILE, or the
                                                        default seeded data set when no file is given)
          ecrm-sample erase --identity KIND:VALUE       erase the personal data of the customer who has the identity and
                                                        print the erasure record (id, pseudonym, counts)
          ecrm-sample export --identity KIND:VALUE      print everything held about the customer who has the identity
                                                        as JSON
          ecrm-sample stats                             print the graph's sizes, one per line, and the store's opening time
          ecrm-sample clv --transactions FILE --format cdnow|csv --calibration-end YYYY-MM-DD [--output FILE.csv]
                                                        fit BG/NBD, Pareto/NBD and Gamma-Gamma; print their parameters
                                                        as JSON (and each customer's predictions to FILE.csv)
          ecrm-sample resolve --input FILE.csv --id-column NAME --fields COL:KIND,... --output FILE.csv
                              [--explain FILE] [--truth-column NAME]
                                                        cluster person records (KIND: given-name, family-name,
                                                        full-name, address, street-number, city, postcode, region,
                                                        birth-date, phone, email, national-id); writes
                                                        record_id,cluster_id; prints the model and the warnings;
                                                        --explain writes each merge's and review's
                                                        waterfall (.jsonl, .json or text); --truth-column prints the
                                                        accuracy and each blocking rule's recall
          ecrm-sample sentiment --input FILE --text-column NAME [--label-column NAME] [--train FILE] [--model FILE]
                                --output FILE.csv
                                                        score texts of a CSV (or TSV: .tsv, .txt) file, write
                                                        row,label,score and print the accuracy when labelled; --train
                                                        trains a model first (saved to --model), --model alone loads
                                                        one, neither uses the zero-configuration analyzer
          ecrm-sample rules --baskets FILE --min-support S --min-confidence C --output FILE.csv [--max-items N]
                                                        mine association rules (FP-growth) from one basket per line
                                                        (items separated by commas); write antecedent,consequent,
                                                        support,confidence,lift and print the rule count

        Every command takes --store sqlite:PATH | postgres:CONNECTION | memory (default: SQLite in the data folder,
        $ECRM_SAMPLE_DATA or ~/.local/share/ecrm-sample, file ecrm.db).
        Identity kinds: phone, email, wechat-openid (KIND:APPID/OPENID), wechat-unionid, weibo-uid, member-card,
        shop-buyer (KIND:SHOP/BUYER), device, or a custom kind.
        Exit codes: 0 success, 1 some events were rejected or the customer was not found, 2 bad usage or unreadable input.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, bool interactive, CancellationToken cancellationToken)
    {
        if (args is ["--help" or "-h" or "help"])
        {
            await output.WriteLineAsync(Usage);
            return 0;
        }

        try
        {
            var line = CommandLine.Parse(args);
            var store = StoreChoice.Parse(line.Optional("store"));
            await using var services = CreateServices(store);
            var graph = services.GetRequiredService<ICustomerGraph>();
            var console = new HostConsole(output, error, interactive);
            // A console host runs no hosted services: the store is opened here (and timed by itself), not on first use.
            var opened = UsesStore(line.Command) ? await graph.OpenAsync(cancellationToken: cancellationToken) : null;
            return line.Command switch
            {
                "demo" => await DemoCommand.RunAsync(line, services, graph, console, cancellationToken),
                "generate" => await GenerateCommand.RunAsync(line, console, cancellationToken),
                "ingest" => await IngestCommand.RunAsync(line, services, graph, console, cancellationToken),
                "customer" => await CustomerCommand.RunAsync(line, services, graph, console, cancellationToken),
                "erase" => await EraseCommand.RunAsync(line, services, graph, console, cancellationToken),
                "export" => await ExportCommand.RunAsync(line, services, graph, console, cancellationToken),
                "stats" => await StatsCommand.RunAsync(line, graph, opened!.Elapsed, console, cancellationToken),
                "clv" => await ClvCommand.RunAsync(line, console, cancellationToken),
                "resolve" => await ResolveCommand.RunAsync(line, console, cancellationToken),
                "sentiment" => await SentimentCommand.RunAsync(line, console, cancellationToken),
                "rules" => await RulesCommand.RunAsync(line, console, cancellationToken),
                _ => throw new UsageException($"unknown command '{line.Command}'."),
            };
        }
        catch (UsageException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            await error.WriteLineAsync();
            await error.WriteLineAsync(Usage);
            return 2;
        }
        catch (InputException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return 2;
        }
        catch (EcrmException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("cancelled.");
            return 130;
        }
    }

    /// <summary>Whether the command reads or writes the customer graph (the others work on files alone).</summary>
    private static bool UsesStore(string command) => command is "demo" or "ingest" or "customer" or "erase" or "export" or "stats";

    private static ServiceProvider CreateServices(StoreChoice store)
    {
        var services = new ServiceCollection();
        var clock = new DemoClock();
        services.AddSingleton(clock);
        services.AddSingleton<TimeProvider>(clock);
        foreach (var channel in new[] { EventChannel.WeChat, EventChannel.Sms, EventChannel.Email })
        {
            services.AddSingleton<Ecrm.Messaging.IMessageSender>(new DemoSender(channel, clock));
        }

        var ecrm = services.AddEcrm(o => o.DefaultPhoneRegion = "CN")
            .AddInsights(DemoProgramme.Configure)
            .AddListening(DemoProgramme.ConfigureListening)
            .AddRecommendations()
            .AddCampaigns(o => o.WeChatAppId = Ecrm.SampleData.SampleDataGenerator.WeChatAppId)
            .AddAttribution();
        _ = store.Kind switch
        {
            "sqlite" => ecrm.UseSqliteStore(store.Location!),
            "memory" => ecrm.UseInMemoryStore(),
            _ => ecrm.UsePostgreSqlStore(store.Location!),
        };
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }
}

/// <summary>Input that cannot be read at all (a missing file): exit code 2.</summary>
internal sealed class InputException(string message) : Exception(message);

/// <summary>Where the host writes: results to <see cref="Out"/>, problems to <see cref="Error"/>; progress unless quiet.</summary>
internal sealed record HostConsole(TextWriter Out, TextWriter Error, bool Interactive, bool Quiet = false);
