"""
An independent SunSpec register oracle (tests only): Debian's python3-pymodbus 3.0 serves SunSpec maps laid out here,
in Python, straight from the bundled SunSpec model JSON (resources/sunspec/models). Nothing of the product's codec is
used: each point's registers are packed with struct by this script, and the value a correct decoder must report
(the integer read, x 10^sf with the scale factor found in the point's group or an enclosing one; the enum symbol;
the bitfield's flag names; null for the SunSpec "not implemented" sentinels) is computed here too and written as
JSON for the test to compare with.

Usage: /usr/bin/python3 sunspec_oracle.py MODELS_DIR EXPECTED_JSON_OUT UNIT:ID,ID,... [UNIT:ID,...]
Prints "READY tcp PORT" once it serves on 127.0.0.1 (a free port).
"""
import asyncio
import json
import struct
import sys
from decimal import Decimal
from pathlib import Path

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.server.async_io import ModbusTcpServer

BASE = 40000
# How often a repeating group repeats, and which optional points are served as "not implemented".
REPEATS = 2
NOT_IMPLEMENTED_EVERY = 7

# SunSpec information model: the register values that mean "not implemented", per point type.
NI_WORDS = {
    'int16': [0x8000], 'sunssf': [0x8000], 'uint16': [0xFFFF], 'enum16': [0xFFFF], 'bitfield16': [0xFFFF],
    'count': [0xFFFF], 'acc16': [0], 'int32': [0x8000, 0], 'uint32': [0xFFFF, 0xFFFF], 'enum32': [0xFFFF, 0xFFFF],
    'bitfield32': [0xFFFF, 0xFFFF], 'acc32': [0, 0], 'ipaddr': [0, 0], 'int64': [0x8000, 0, 0, 0],
    'uint64': [0xFFFF] * 4, 'bitfield64': [0xFFFF] * 4, 'acc64': [0] * 4, 'float32': [0x7FC0, 0],
    'float64': [0x7FF8, 0, 0, 0],
}
STRUCT = {'int16': '>h', 'uint16': '>H', 'int32': '>i', 'uint32': '>I', 'int64': '>q', 'uint64': '>Q', 'float32': '>f',
          'float64': '>d'}
SAME_AS = {'sunssf': 'int16', 'enum16': 'uint16', 'bitfield16': 'uint16', 'count': 'uint16', 'acc16': 'uint16',
           'enum32': 'uint32', 'bitfield32': 'uint32', 'acc32': 'uint32', 'ipaddr': 'uint32', 'acc64': 'uint64',
           'bitfield64': 'uint64'}
SCALE_FACTORS = [-2, -1, 0, 1, -3, 2]


def words_of(fmt, value):
    data = struct.pack(fmt, value)
    return [int.from_bytes(data[i:i + 2], 'big') for i in range(0, len(data), 2)]


class Layout:
    """Registers and expected values of one model, built point by point in definition order."""

    def __init__(self):
        self.words = []
        self.n = 0

    def raw_for(self, point, counts):
        """A known value for the point (varied by position), or None for 'not implemented'."""
        self.n += 1
        kind, name, n = point['type'], point['name'], self.n
        if name in counts:
            return counts[name]
        if kind == 'pad':
            return None
        if point.get('mandatory') != 'M' and kind not in ('count', 'string') and n % NOT_IMPLEMENTED_EVERY == 0:
            return None
        if kind == 'sunssf':
            return SCALE_FACTORS[n % len(SCALE_FACTORS)]
        if kind in ('enum16', 'enum32') and point.get('symbols'):
            return point['symbols'][n % len(point['symbols'])]['value']
        if kind.startswith('bitfield'):
            bits = [s['value'] for s in point.get('symbols', [])][n % 3:][:2] or [0, 3]
            return sum(1 << b for b in set(bits))
        if kind == 'string':
            return f'{name}-{n}'[:point['size'] * 2]
        return {'int16': -(100 + 37 * n) if n % 2 else 100 + 37 * n, 'uint16': 200 + 41 * n, 'acc16': 300 + 43 * n,
                'enum16': n, 'enum32': 70000 + n, 'count': REPEATS,
                'int32': -(100000 + 7919 * n) if n % 2 else 100000 + 7919 * n, 'uint32': 200000 + 7907 * n,
                'acc32': 300000 + 7901 * n, 'ipaddr': 0xC0A80000 + n,
                'int64': -(2 ** 40 + n) if n % 2 else 2 ** 40 + n, 'uint64': 2 ** 41 + n, 'acc64': 2 ** 42 + n,
                'float32': n + 0.25 if n % 2 else -(n + 0.5), 'float64': n + 0.125}[kind]

    def encode(self, point, raw):
        kind, size = point['type'], point['size']
        if raw is None:
            return list(NI_WORDS.get(kind, [0x8000] + [0] * (size - 1)))
        if kind == 'string':
            return [int.from_bytes(raw.encode().ljust(size * 2, b'\0')[i:i + 2], 'big') for i in range(0, size * 2, 2)]
        return words_of(STRUCT[SAME_AS.get(kind, kind)], raw)

    def point(self, point, counts):
        raw = self.raw_for(point, counts)
        words = self.encode(point, raw)
        assert len(words) == point['size'], (point['name'], words)
        self.words += words
        return raw


def symbol_of(point, raw):
    if raw is None or not point.get('symbols'):
        return None, None
    if point['type'].startswith('bitfield'):
        return None, [s['name'] for s in point['symbols'] if (raw >> s['value']) & 1]
    return next((s['name'] for s in point['symbols'] if s['value'] == raw), None), None


def scaled(raw, exponent):
    return float(Decimal(raw) * (Decimal(10) ** exponent))


def group_expected(layout, group, counts, scope):
    """Lay out one group instance; return its expected decoding (points, then nested groups' instances)."""
    raws = {p['name']: layout.point(p, counts) for p in group['points']}
    scope = [raws] + scope
    points = {}
    for p in group['points']:
        raw = raws[p['name']]
        symbol, flags = symbol_of(p, raw)
        value = raw
        sf = p.get('sf')
        if sf is not None and raw is not None:
            exponent = sf if isinstance(sf, int) else next((g[sf] for g in scope if sf in g), None)
            value = None if exponent is None else scaled(raw, exponent)
        points[p['name']] = {'raw': raw, 'value': value, 'symbol': symbol, 'flags': flags}
    groups = {}
    for sub in group.get('groups', []):
        count = sub.get('count')
        repeat = 1 if count is None else count if isinstance(count, int) and count > 0 else REPEATS
        if isinstance(count, str):
            repeat = next(g[count] for g in scope if count in g)
        groups[sub['name']] = [group_expected(layout, sub, counts, scope) for _ in range(repeat)]
    return {'points': points, 'groups': groups}


def count_points(group, found):
    """Names of points that hold a repeat count (a group's count names them), set to REPEATS."""
    for sub in group.get('groups', []):
        if isinstance(sub.get('count'), str):
            found[sub['count']] = REPEATS
        count_points(sub, found)
    return found


def model_layout(models_dir, model_id):
    definition = json.loads((models_dir / f'model_{model_id}.json').read_text())
    counts = count_points(definition['group'], {'ID': model_id, 'L': 0})
    first = Layout()
    group_expected(first, definition['group'], counts, [])
    counts['L'] = len(first.words) - 2
    layout = Layout()
    expected = group_expected(layout, definition['group'], counts, [])
    assert len(layout.words) == counts['L'] + 2
    return layout.words, {'id': model_id, 'length': counts['L'], 'root': expected}


def unit_map(models_dir, model_ids):
    regs = [0x5375, 0x6E53]  # 'SunS'
    expected = []
    for model_id in model_ids:
        words, model = model_layout(models_dir, model_id)
        model['address'] = BASE + len(regs)
        expected.append(model)
        regs += words
    regs += [0xFFFF, 0]  # end marker
    return regs, expected


async def serve(context):
    server = ModbusTcpServer(context, address=('127.0.0.1', 0), defer_start=True)
    task = asyncio.create_task(server.serve_forever())
    await server.serving
    print('READY tcp', server.server.sockets[0].getsockname()[1], flush=True)
    await task


def main(models_dir, out, units):
    slaves, expected = {}, {}
    for spec in units:
        unit, ids = spec.split(':')
        regs, expected[unit] = unit_map(Path(models_dir), [int(i) for i in ids.split(',')])
        slaves[int(unit)] = ModbusSlaveContext(hr=ModbusSequentialDataBlock(BASE, regs), zero_mode=True)
    Path(out).write_text(json.dumps(expected))
    asyncio.run(serve(ModbusServerContext(slaves=slaves, single=False)))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
