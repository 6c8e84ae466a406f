using System.Collections.Concurrent;
using System.Threading.Channels;

namespace BatchStats.Engine.Storage;

/// <summary>
/// <see cref="IWorkQueue"/> inside one process with SQS-like semantics: a received item is invisible until it is
/// completed, abandoned (visible again after the delay) or its visibility timeout expires (the receiver is presumed
/// dead). Each delivery gets a fresh receipt; a stale receipt completes or abandons nothing.
/// </summary>
public sealed class InProcessWorkQueue : IWorkQueue, IDisposable
{
    private readonly Channel<Message> _ready = Channel.CreateUnbounded<Message>();
    private readonly ConcurrentDictionary<string, Message> _inFlight = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _disposed = new();
    private readonly TimeProvider _time;

    public InProcessWorkQueue(TimeSpan? visibilityTimeout = null, TimeProvider? timeProvider = null)
    {
        VisibilityTimeout = visibilityTimeout ?? TimeSpan.FromMinutes(15);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(VisibilityTimeout, TimeSpan.Zero, nameof(visibilityTimeout));
        _time = timeProvider ?? TimeProvider.System;
    }

    public TimeSpan VisibilityTimeout { get; }

    /// <summary>Items waiting or in flight (not yet completed).</summary>
    public int Pending => _ready.Reader.Count + _inFlight.Count + _delayed;

    private int _delayed;

    public Task EnqueueAsync(WorkItem item, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        return _ready.Writer.WriteAsync(new Message(item), ct).AsTask();
    }

    public async Task<IReadOnlyList<ReceivedWorkItem>> ReceiveAsync(int max, TimeSpan wait, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var result = new List<ReceivedWorkItem>();
        if (!_ready.Reader.TryRead(out var first))
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(wait);
            try
            {
                first = await _ready.Reader.ReadAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return result;
            }
        }

        result.Add(Deliver(first));
        while (result.Count < max && _ready.Reader.TryRead(out var next))
        {
            result.Add(Deliver(next));
        }

        return result;
    }

    public Task CompleteAsync(ReceivedWorkItem item, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        _inFlight.TryRemove(item.Receipt, out _);
        return Task.CompletedTask;
    }

    public Task AbandonAsync(ReceivedWorkItem item, TimeSpan delay, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (_inFlight.TryRemove(item.Receipt, out var message))
        {
            Requeue(message, delay);
        }

        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }

    private ReceivedWorkItem Deliver(Message message)
    {
        message.DeliveryCount++;
        var receipt = $"{message.Id:N}:{message.DeliveryCount}";
        _inFlight[receipt] = message;
        _ = ExpireAsync(receipt);
        return new ReceivedWorkItem(message.Item, receipt, message.DeliveryCount);
    }

    private async Task ExpireAsync(string receipt)
    {
        try
        {
            await Task.Delay(VisibilityTimeout, _time, _disposed.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (_inFlight.TryRemove(receipt, out var message))
        {
            _ready.Writer.TryWrite(message);
        }
    }

    private void Requeue(Message message, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            _ready.Writer.TryWrite(message);
            return;
        }

        Interlocked.Increment(ref _delayed);
        _ = DelayedWriteAsync(message, delay);
    }

    private async Task DelayedWriteAsync(Message message, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _time, _disposed.Token).ConfigureAwait(false);
            _ready.Writer.TryWrite(message);
        }
        catch (OperationCanceledException)
        {
            // Queue disposed: the item is dropped with it.
        }
        finally
        {
            Interlocked.Decrement(ref _delayed);
        }
    }

    private sealed class Message(WorkItem item)
    {
        public Guid Id { get; } = Guid.NewGuid();

        public WorkItem Item { get; } = item;

        public int DeliveryCount { get; set; }
    }
}
