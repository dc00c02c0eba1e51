using Ecrm.SampleData;
using Microsoft.Extensions.DependencyInjection;

namespace Ecrm.Benchmarks;

/// <summary>
/// Two graphs holding the same seeded data set (75,000 events, about 10,000 people): one with the core only, one with
/// an engine on top (insights, listening, ...), for benchmarks that measure what the engine adds per event.
/// </summary>
internal sealed class GraphPair : IDisposable
{
    private readonly ServiceProvider _plain;
    private readonly ServiceProvider _extended;

    public GraphPair(Action<IEcrmBuilder> extend)
    {
        Events = new SampleDataGenerator().Generate(SampleDataGenerator.PeopleForEvents(75_000));
        LatestTime = Events.Max(e => e.OccurredAt);
        _plain = new ServiceCollection().AddEcrm().Services.BuildServiceProvider();
        var services = new ServiceCollection();
        extend(services.AddEcrm());
        _extended = services.BuildServiceProvider();
        Plain = _plain.GetRequiredService<ICustomerGraph>();
        Extended = _extended.GetRequiredService<ICustomerGraph>();
        foreach (var batch in Events.Chunk(2_000))
        {
            Plain.IngestBatchAsync(batch).AsTask().GetAwaiter().GetResult();
            Extended.IngestBatchAsync(batch).AsTask().GetAwaiter().GetResult();
        }
    }

    public IReadOnlyList<CustomerEvent> Events { get; }

    public DateTimeOffset LatestTime { get; }

    public ICustomerGraph Plain { get; }

    public ICustomerGraph Extended { get; }

    public IServiceProvider Services => _extended;

    public void Dispose()
    {
        _plain.Dispose();
        _extended.Dispose();
    }
}
