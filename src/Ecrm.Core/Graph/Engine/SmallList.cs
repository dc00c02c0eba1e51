using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace Ecrm.Graph.Engine;

/// <summary>
/// A list that holds its first item inline and more in an array, for a customer's identities and event handles: most
/// customers have one identity and one event, and every object a customer does not allocate is one the garbage
/// collector neither traces nor copies (a bulk load keeps everything it allocates, so each collection copies it all).
/// A mutable struct: keep it in a field and call it there, never copy it.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
internal struct SmallList<T>
{
    private T? _first; // the only item while Count is 1; default once the items move to the array
    private T[]? _items; // every item once Count exceeds 1
    private int _count;

    public readonly int Count => _count;

    /// <summary>Gets the items (valid until the next change).</summary>
    /// <returns>The items, in the order added.</returns>
    [UnscopedRef]
    public Span<T> AsSpan() => _items is null ? MemoryMarshal.CreateSpan(ref _first!, _count) : _items.AsSpan(0, _count);

    /// <summary>Gets the last item; the list must not be empty.</summary>
    public readonly T Last => _items is null ? _first! : _items[_count - 1];

    /// <summary>Reads the array slot of the last item (not the item), so an append finds the line in cache.</summary>
    /// <returns>Anything; the read is the point.</returns>
    public readonly int Touch() => _items is null ? 0 : EqualityComparer<T>.Default.Equals(_items[_count - 1], default) ? 1 : 2;

    public void Add(T item)
    {
        if (_count == 0 && _items is null)
        {
            _first = item;
            _count = 1;
            return;
        }

        Reserve(_count + 1);
        _items![_count++] = item;
    }

    public void AddRange(ReadOnlySpan<T> items)
    {
        if (items.IsEmpty)
        {
            return;
        }

        if (_count == 0 && _items is null && items.Length == 1)
        {
            Add(items[0]);
            return;
        }

        Reserve(_count + items.Length);
        items.CopyTo(_items.AsSpan(_count));
        _count += items.Length;
    }

    /// <summary>Moves the items into an array of at least <paramref name="needed"/> slots, growing it by doubling.</summary>
    private void Reserve(int needed)
    {
        if (_items is null)
        {
            _items = new T[Math.Max(2, needed)];
            if (_count == 1)
            {
                _items[0] = _first!;
                _first = default;
            }
        }
        else if (needed > _items.Length)
        {
            Array.Resize(ref _items, Math.Max(needed, _items.Length * 2));
        }
    }
}
