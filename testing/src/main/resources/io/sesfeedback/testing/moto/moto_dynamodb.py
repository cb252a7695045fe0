"""moto's server on 127.0.0.1, its DynamoDB changed where tests and local tools need it (MotoDynamoDb starts it).

Usage: python3 moto_dynamodb.py --port PORT [--journal FILE] [--account-per-access-key] [--stop-with-stdin]
       python3 moto_dynamodb.py --zygote [--preload SERVICE,...]   (forks such servers on request; see zygote())

- Transactions roll back item by item. moto 5.2.1's TransactWriteItems deep-copies every table it touches before
  it runs, so that it can put the copy back when the transaction is cancelled: 15 ms on an empty table, 660 ms at
  20,000 items. Here a transaction keeps a copy of each item it touches, before it touches it, and a cancelled one puts
  exactly those back (or removes those it created). The rest is moto's: conditions, cancellation reasons,
  ReturnValuesOnConditionCheckFailure.
- Reads stay fast on tables of many items, with moto's results in moto's order. moto sorts the whole table at every
  Query and Scan page, comparing keys through their Python objects at each comparison, and serializes each item
  through a generic model walker (about 2 ms an item): here a table query reads its own partition, an index query the
  items with its partition key (the table grouped once until the next write), a scan page bisects to its start key on
  the table sorted once until the next write, and item answers are written with json.dumps.
- DynamoDB calls run one at a time, as on one item DynamoDB does: moto's server serves each request on its own thread
  and has no lock of its own, so a conditional write could otherwise interleave with another's.
- Connections stay open between requests, and DynamoDB's go straight to its handler: moto's own main serves through
  werkzeug's development server, which closes each connection after one request, and tries every service's URL
  patterns first.
- With --journal FILE, DynamoDB outlives the process: each successful (2xx) request that changes DynamoDB is appended
  to FILE, and flushed to the operating system, before its response is sent; a process killed at any moment has lost
  nothing it acknowledged. At start the journal is replayed in this process, request by request through moto's own
  DynamoDB handler (no HTTP), then rewritten as the tables now stand (CreateTable, UpdateTimeToLive, BatchWriteItem
  per 25 items), into a temporary file renamed over it, so that the next start replays only that. One server at a
  time holds a journal (a lock on FILE.lock): another waits until the first has exited.
- With --account-per-access-key, DynamoDB takes each access key id moto's IAM does not know for an account of its own
  (moto puts them all in one): a table created with one key is not seen with another, as with keys of two accounts.
- With --stop-with-stdin, the server stops when its standard input closes: when the JVM that started it ends, however.
- SES has the v1 calls and attributes moto lacks (moto_ses.py, beside this file, imported at start).

moto is Apache-2.0; transact_write_items below follows moto 5.2.1's, with the table copies replaced.
"""

import argparse
import base64
import bisect
import copy
import fcntl
import gc
import hashlib
import http.server
import io
import json
import os
import signal
import socket
import socketserver
import sys
import threading
import time
import urllib.parse
import weakref

from moto.dynamodb.comparisons import get_filter_expression
from moto.dynamodb.exceptions import (
    ConditionalCheckFailed,
    MockValidationException,
    MultipleTransactionsException,
    TooManyTransactionsException,
    TransactionCanceledException,
    TransactWriteSingleOpException,
)
import moto.dynamodb.models.table as moto_table
from moto.dynamodb.models import DynamoDBBackend, Table, dynamodb_backends
from moto.dynamodb.exceptions import ItemSizeTooLarge
from moto.dynamodb.models.dynamo_type import DynamoType, Item, LimitedSizeDict
from moto.dynamodb.models.table import GlobalSecondaryIndex
from moto.dynamodb.models.utilities import bytesize, dynamo_json_dump
from moto.dynamodb.responses import DynamoHandler

import moto_ses  # noqa: F401 (patches on import) the SES v1 calls and attributes moto lacks

# What changes DynamoDB's state; each is journaled when it succeeds
MUTATING_ACTIONS = frozenset({
    "CreateTable", "UpdateTable", "DeleteTable", "UpdateTimeToLive", "UpdateContinuousBackups",
    "TagResource", "UntagResource", "PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems",
    "ExecuteStatement", "BatchExecuteStatement", "ExecuteTransaction",
})
BATCH_SIZE = 25
API_VERSION = "DynamoDB_20120810"


# ---------------------------------------------------------------------------------------------------------------------
# Transactions that roll back item by item


class TouchedItems:
    """The items a transaction touched, as each was before it touched them."""

    def __init__(self):
        self.before = {}  # (table, hash, range) -> (table object, hash, range, copy of the item or None)
        self.stream_lengths = {}  # table name -> stream records before the transaction

    def keep(self, backend, table_name, key):
        table = backend.tables.get(table_name)
        if table is None:
            return
        try:
            hash_value = DynamoType(key[table.hash_key_attr])
            range_value = DynamoType(key[table.range_key_attr]) if table.range_key_attr else None
        except (KeyError, TypeError, IndexError):
            return  # a key moto refuses: the operation fails before it writes
        marker = (table_name, dynamo_json_dump(hash_value), dynamo_json_dump(range_value))
        if marker in self.before:
            return
        current = self._current(table, hash_value, range_value)
        self.before[marker] = (table, hash_value, range_value, copy.deepcopy(current))
        if table.stream_shard is not None and table_name not in self.stream_lengths:
            self.stream_lengths[table_name] = (table, len(table.stream_shard.items))

    @staticmethod
    def _current(table, hash_value, range_value):
        if range_value is None:
            return table.items.get(hash_value)
        return table.items.get(hash_value, {}).get(range_value)

    def restore(self):
        """Puts each touched item back as it was, removes those the transaction created, and drops its stream records."""
        for table, hash_value, range_value, item in reversed(list(self.before.values())):
            if range_value is None:
                if item is None:
                    table.items.pop(hash_value, None)
                else:
                    table.items[hash_value] = item
            else:
                if item is None:
                    table.items.get(hash_value, {}).pop(range_value, None)
                else:
                    table.items[hash_value][range_value] = item
        for table, length in self.stream_lengths.values():
            if table.stream_shard is not None:
                del table.stream_shard.items[length:]


def transact_write_items(self, transact_items):
    if len(transact_items) > 100:
        raise TooManyTransactionsException()
    touched = TouchedItems()
    target_items = set()

    def check_unicity(table_name, key):
        item = (str(table_name), str(dict(sorted(key.items()))))
        if item in target_items:
            raise MultipleTransactionsException()
        target_items.add(item)

    errors = []  # [(Code, Message, Item), ..]
    for item in transact_items:
        original_item = None
        if len(list(item.keys())) > 1:
            raise TransactWriteSingleOpException
        try:
            op_type, op = next(iter(item.items()))
            if op_type not in {"ConditionCheck", "Put", "Delete", "Update"}:
                raise ValueError("Unsupported transaction operation")

            table_name = op["TableName"]
            condition_expression = op.get("ConditionExpression")
            expression_attribute_names = op.get("ExpressionAttributeNames")
            expression_attribute_values = op.get("ExpressionAttributeValues")
            return_values_on_condition_check_failure = op.get("ReturnValuesOnConditionCheckFailure")

            if op_type == "Put":
                attrs = op["Item"]
                table = self.get_table(table_name)
                key = {table.hash_key_attr: attrs[table.hash_key_attr]}
                if table.range_key_attr is not None:
                    key[table.range_key_attr] = attrs[table.range_key_attr]
            else:
                key = op["Key"]

            check_unicity(table_name, key)
            touched.keep(self, table_name, key)

            current = self.get_item(table_name, key)
            if condition_expression is not None:
                condition_op = get_filter_expression(
                    condition_expression, expression_attribute_names, expression_attribute_values)
                if not condition_op.expr(current):
                    if return_values_on_condition_check_failure == "ALL_OLD" and current:
                        original_item = current.to_json()["Attributes"]
                    raise ConditionalCheckFailed(item=original_item)

            if op_type == "Put":
                self.put_item(
                    table_name, op["Item"],
                    condition_expression=condition_expression,
                    expression_attribute_names=expression_attribute_names,
                    expression_attribute_values=expression_attribute_values)
            elif op_type == "Delete":
                self.delete_item(
                    table_name, key,
                    condition_expression=condition_expression,
                    expression_attribute_names=expression_attribute_names,
                    expression_attribute_values=expression_attribute_values)
            elif op_type == "Update":
                self.update_item(
                    table_name, key,
                    update_expression=op["UpdateExpression"],
                    condition_expression=condition_expression,
                    expression_attribute_names=expression_attribute_names,
                    expression_attribute_values=expression_attribute_values)
            errors.append((None, None, None))
        except (MultipleTransactionsException, MockValidationException):
            touched.restore()
            raise
        except ConditionalCheckFailed as e:
            errors.append(("ConditionalCheckFailed", str(e.message), original_item))
        except Exception as e:  # noqa: E722, as moto's: any other failure cancels the transaction with its reason
            errors.append((type(e).__name__, str(e), original_item))

    if any(code is not None for code, _, _ in errors):
        touched.restore()
        raise TransactionCanceledException(errors)


# ---------------------------------------------------------------------------------------------------------------------
# Reads that stay fast on tables of many items: the same results in the same order as moto's


class Writes:
    """DynamoDB requests so far that could have changed a table: a sorted copy of a table is good until the next."""
    count = 0
    presorted = False  # the query under way reads an index partition already in order
    sorted_tables = weakref.WeakKeyDictionary()  # table -> (count, items in moto's order, their sort keys)
    index_groups = weakref.WeakKeyDictionary()  # table -> (count, {(index, attribute): {value: items}})


def all_items(self):
    """moto's order (by hash key, then range key), each item's sort key computed once rather than at each comparison."""
    items = list(unsorted_items(self))
    if self.range_key_attr:
        items.sort(key=lambda item: (item.hash_key.cast_value, item.range_key.cast_value))
    else:
        items.sort(key=lambda item: item.hash_key.cast_value)
    return items


def unsorted_items(self):
    for partition in list(self.items.values()):
        if isinstance(partition, dict):  # a table with a range key: its items by range key
            yield from list(partition.values())
        else:
            yield partition


def sorted_items(self, hash_key_attrs, range_key_attrs, items):
    if Writes.presorted:  # an index partition, already in this order (see query)
        return items
    attrs = self._generate_attr_to_sort_by(hash_key_attrs, range_key_attrs)
    items.sort(key=lambda item: tuple(item.attrs[attr].cast_value for attr in attrs))
    return items


_moto_query = Table.query


def index_order(table, index):
    """The attributes moto's query sorts an index's items by (Table.query, then _generate_attr_to_sort_by)."""
    hash_keys = [key["AttributeName"] for key in index.schema if key["KeyType"] == "HASH"]
    range_keys = [key["AttributeName"] for key in index.schema if key["KeyType"] == "RANGE"]
    if range_keys:
        range_attrs = range_keys + [table.range_key_attr]
    elif isinstance(index, GlobalSecondaryIndex) and table.range_key_attr:
        range_attrs = [table.range_key_attr, table.range_key_attr]
    else:
        range_attrs = [table.hash_key_attr, table.range_key_attr]
    return table._generate_attr_to_sort_by(hash_keys + [table.hash_key_attr], range_attrs)


def index_partition(table, index, attr, value):
    """
    The items whose {attr} is {value}, in moto's order for the index, with their sort keys: the table grouped and each
    group sorted once until the next write, not at every page.
    """
    cached = Writes.index_groups.get(table)
    if cached is None or cached[0] != Writes.count:
        cached = (Writes.count, {})
        Writes.index_groups[table] = cached
    groups = cached[1].get((index.name, attr))
    if groups is None:
        order = index_order(table, index)
        groups = {}
        for item in unsorted_items(table):
            member = item.attrs.get(attr)
            if member is not None and member.type in ("S", "N", "B") and all(name in item.attrs for name in order):
                groups.setdefault((member.type, member.cast_value), []).append(item)
        for key, members in groups.items():
            members.sort(key=lambda item: tuple(item.attrs[name].cast_value for name in order))
            groups[key] = (members, [tuple(item.attrs[name].cast_value for name in order) for item in members], order)
        cached[1][(index.name, attr)] = groups
    return groups.get((value.type, value.cast_value), ([], [], []))


def query(self, hash_key, *args, **kwargs):
    """
    moto's query takes every item of the table, sorted, then keeps the key's and walks them to the page's start key: a
    table query reads its partition only; an index query the items with its partition key, already in order, from the
    page's start key when it reads forward.
    """
    index_name = kwargs.get("index_name", args[6] if len(args) > 6 else None)
    exclusive_start_key = args[3] if len(args) > 3 else kwargs.get("exclusive_start_key")
    forward = args[4] if len(args) > 4 else kwargs.get("scan_index_forward", True)
    conditions = kwargs.get("hash_key_conditions")
    index = next((i for i in self.all_indexes() if i.name == index_name), None) if index_name else None
    if index is not None and conditions:
        attr, value = conditions[0]
        members, keys, order = index_partition(self, index, attr, value)
        start = 0
        if exclusive_start_key and forward is not False and all(name in exclusive_start_key for name in order):
            start = bisect.bisect_right(keys, tuple(DynamoType(exclusive_start_key[name]).cast_value for name in order))
        self.all_items = lambda: members[start:]
        Writes.presorted = True
    elif index_name:
        self.all_items = lambda: list(unsorted_items(self))
    else:
        partition = self.items.get(hash_key) if hash_key is not None else None
        if partition is None:
            self.all_items = lambda: []
        elif self.range_key_attr:
            self.all_items = lambda: list(partition.values())
        else:
            self.all_items = lambda: [partition]
    try:
        return _moto_query(self, hash_key, *args, **kwargs)
    finally:
        del self.all_items
        Writes.presorted = False


class AnswersUncopied:
    """
    The copy module as moto's table code sees it: a query's or scan's items are not deep-copied before they are
    answered (moto copies each, in case the answer changed them; nothing does, and the lock is held until the answer
    is written); every other deep copy is copy.deepcopy's.
    """

    copy = staticmethod(copy.copy)

    @staticmethod
    def deepcopy(value, memo=None):
        if isinstance(value, Item):
            return value
        if isinstance(value, list) and all(isinstance(member, Item) for member in value):
            return list(value)
        return copy.deepcopy(value, memo)


def sort_key(table, item):
    if table.range_key_attr:
        return item.hash_key.cast_value, item.range_key.cast_value
    return item.hash_key.cast_value


def sorted_table(table):
    cached = Writes.sorted_tables.get(table)
    if cached is None or cached[0] != Writes.count:
        items = all_items(table)
        cached = (Writes.count, items, [sort_key(table, item) for item in items])
        Writes.sorted_tables[table] = cached
    return cached[1], cached[2]


_moto_scan = Table.scan


def scan(self, filters, limit, exclusive_start_key, filter_expression=None, index_name=None, *args, **kwargs):
    """
    moto's scan sorts the whole table for each page and walks it from the start to the page's start key: here the
    table sorted once until the next write, and the page's start found by bisection.
    """
    if index_name:
        return _moto_scan(self, filters, limit, exclusive_start_key, filter_expression, index_name, *args, **kwargs)
    items, keys = sorted_table(self)
    start = 0
    if exclusive_start_key:
        try:
            start_key = DynamoType(exclusive_start_key[self.hash_key_attr]).cast_value
            if self.range_key_attr:
                start_key = (start_key, DynamoType(exclusive_start_key[self.range_key_attr]).cast_value)
            start = bisect.bisect_right(keys, start_key)
        except (KeyError, TypeError):
            start = 0  # moto walks from the start and answers as it does
    self.all_items = lambda: items[start:]
    try:
        return _moto_scan(self, filters, limit, exclusive_start_key, filter_expression, index_name, *args, **kwargs)
    finally:
        del self.all_items


# The item-returning calls' answers, as moto's generic serializer writes them (about 2 ms an item) but with json.dumps
ITEM_ANSWERS = frozenset({"GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems", "PutItem", "UpdateItem",
                          "DeleteItem", "BatchWriteItem"})
_moto_serialized = DynamoHandler.serialized


def serialized(self, action_result):
    action = self._get_action()
    result = action_result.result
    if action not in ITEM_ANSWERS or not isinstance(result, dict):
        return _moto_serialized(self, action_result)
    members = answer_members(action)
    if (getattr(self, "params", None) or {}).get("ReturnConsumedCapacity", "NONE") == "NONE":
        # DynamoDB answers ConsumedCapacity "only if the ReturnConsumedCapacity parameter was specified" (PutItem,
        # UpdateItem, ... API reference); moto always does, and the SDK then loads classes the Lambda never would
        members = members - {"ConsumedCapacity"}
    headers = {"Content-Type": "application/x-amz-json-1.0"}
    headers.update(self.response_headers)
    return 200, headers, json.dumps(
        {key: plain_json(value) for key, value in result.items() if key in members and value is not None},
        separators=(",", ":"))


def answer_members(action, members={}):
    """The members of the call's answer in DynamoDB's API model: moto's serializer writes no others."""
    if action not in members:
        from moto.core.responses import get_service_model

        members[action] = frozenset(get_service_model("dynamodb").operation_model(action).output_shape.members)
    return members[action]


def plain_json(value):
    """What the JSON protocol writes: binary as base64, no null members."""
    if isinstance(value, dict):
        return {key: plain_json(member) for key, member in value.items() if member is not None}
    if isinstance(value, (list, tuple, set)):
        return [plain_json(member) for member in value]
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    return value


# The item calls' requests: moto walks each through DynamoDB's API model, which for them only turns binary values
# (B, BS) from base64 into bytes; here json.loads, and those values decoded
ITEM_REQUESTS = frozenset({"GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems", "PutItem", "UpdateItem",
                           "DeleteItem", "BatchWriteItem", "TransactWriteItems"})
_moto_parse_parameters = DynamoHandler.parse_parameters


def parse_parameters(self, request):
    if self._get_action() not in ITEM_REQUESTS:
        return _moto_parse_parameters(self, request)
    self.params = binary_decoded(json.loads(self.body or "{}"))


def binary_decoded(value):
    if isinstance(value, dict):
        if len(value) == 1:
            ((key, member),) = value.items()
            if key == "B" and isinstance(member, str):
                return {"B": base64.b64decode(member)}
            if key == "BS" and isinstance(member, list) and all(isinstance(entry, str) for entry in member):
                return {"BS": [base64.b64decode(entry) for entry in member]}
        return {key: binary_decoded(member) for key, member in value.items()}
    if isinstance(value, list):
        return [binary_decoded(member) for member in value]
    return value


def item_init(self, hash_key, range_key, attrs):
    """moto's Item, its 400 KB limit checked once on the whole item rather than on the whole item at each attribute."""
    self.hash_key = hash_key
    self.range_key = range_key
    converted = LimitedSizeDict.__new__(LimitedSizeDict)
    dict.__init__(converted)
    for key, value in attrs.items():
        dict.__setitem__(converted, key, DynamoType(value))
    if sum(bytesize(key) + value.size() for key, value in converted.items()) > 405000:
        raise ItemSizeTooLarge
    self.attrs = converted


class StartKey:
    """The exclusive start key's values, converted once per page rather than once per item moto skips."""
    dct = None
    values = {}


def item_comes_before_dct(self, item, dct, hash_key_attrs, range_key_attrs, scan_index_forward):
    if StartKey.dct is not dct:
        StartKey.dct, StartKey.values = dct, {}
    for attr in self._generate_attr_to_sort_by(hash_key_attrs, range_key_attrs):
        if attr not in item.attrs:
            continue
        start = StartKey.values.get(attr)
        if start is None:
            start = StartKey.values[attr] = DynamoType(dct.get(attr))
        if item.attrs[attr] != start:
            return (item.attrs[attr] < start) == scan_index_forward
    return True


# ---------------------------------------------------------------------------------------------------------------------
# One call at a time, and the journal


class Journal:
    """Successful DynamoDB requests that changed state, one JSON object a line, in the order they were applied."""

    def __init__(self):
        self.file = None

    def open(self, path):
        self.file = open(path, "a", encoding="utf-8")

    def append(self, account, region, action, body):
        if self.file is None:
            return
        if "\n" in body or "\r" in body:
            body = json.dumps(json.loads(body), separators=(",", ":"))
        self.file.write('{"account":%s,"region":%s,"action":%s,"body":%s}\n' % (
            json.dumps(account), json.dumps(region), json.dumps(action), body or "{}"))
        # in the operating system's hands before the response leaves: a killed process has lost nothing it acknowledged
        self.file.flush()


JOURNAL = Journal()
ONE_AT_A_TIME = threading.RLock()
_moto_call_action = DynamoHandler.call_action


def call_action(self):
    raw_body = self.body.decode("utf-8") if isinstance(self.body, bytes) else (self.body or "")
    action = self._get_action()
    with ONE_AT_A_TIME:
        if action in MUTATING_ACTIONS:
            Writes.count += 1
        status, headers, body = _moto_call_action(self)
        if action in MUTATING_ACTIONS and 200 <= int(status) < 300:
            JOURNAL.append(self.current_account, self.region, action, raw_body)
    return status, headers, body


def replay(path):
    """Applies the journal's requests in order, through moto's handler; a last line cut short was never acknowledged."""
    from werkzeug.test import EnvironBuilder
    from werkzeug.wrappers import Request

    with open(path, "rb") as journal:
        lines = journal.read().split(b"\n")
    count = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except ValueError:
            if number == len(lines):
                break  # written in part when the process was killed: its response was never sent
            raise SystemExit("%s: line %d is not JSON; the journal is damaged" % (path, number))
        region = entry["region"]
        environ = EnvironBuilder(
            method="POST", path="/", base_url="https://dynamodb.%s.amazonaws.com" % region,
            headers={
                "X-Amz-Target": "%s.%s" % (API_VERSION, entry["action"]),
                "Content-Type": "application/x-amz-json-1.0",
                "Authorization": "AWS4-HMAC-SHA256 Credential=journal/20260101/%s/dynamodb/aws4_request, "
                                 "SignedHeaders=host, Signature=0" % region,
                "x-moto-account-id": entry["account"],
            },
            data=json.dumps(entry["body"]).encode("utf-8")).get_environ()
        request = Request(environ)
        status, _, body = DynamoHandler.dispatch(request, request.url, request.headers)
        if not 200 <= int(status) < 300:
            raise SystemExit("%s: line %d (%s) succeeded when journaled but fails on replay: %s"
                             % (path, number, entry["action"], body))
        count += 1
    return count


def current_state():
    """Journal lines that create every table as it stands now, with its items."""
    lines = []
    for account, regions in list(dynamodb_backends.items()):
        for region, backend in list(regions.items()):
            for table in list(backend.tables.values()):
                def line(action, body):
                    lines.append('{"account":%s,"region":%s,"action":%s,"body":%s}\n' % (
                        json.dumps(account), json.dumps(region), json.dumps(action), dynamo_json_dump(body)))

                line("CreateTable", create_table_request(table))
                if table.ttl.get("TimeToLiveStatus") in ("ENABLED", "ENABLING"):
                    line("UpdateTimeToLive", {"TableName": table.name, "TimeToLiveSpecification": {
                        "AttributeName": table.ttl["AttributeName"], "Enabled": True}})
                pitr = table.continuous_backups["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"]
                if pitr == "ENABLED":
                    line("UpdateContinuousBackups", {"TableName": table.name, "PointInTimeRecoverySpecification": {
                        "PointInTimeRecoveryEnabled": True}})
                items = table.all_items()
                for start in range(0, len(items), BATCH_SIZE):
                    line("BatchWriteItem", {"RequestItems": {table.name: [
                        {"PutRequest": {"Item": item.to_json()["Attributes"]}} for item in items[start:start + BATCH_SIZE]]}})
    return lines


def create_table_request(table):
    request = {"TableName": table.name, "KeySchema": table.schema, "AttributeDefinitions": table.attr}
    provisioned = table.billing_mode != "PAY_PER_REQUEST"
    request["BillingMode"] = "PROVISIONED" if provisioned else "PAY_PER_REQUEST"
    if provisioned:
        request["ProvisionedThroughput"] = {
            "ReadCapacityUnits": table.throughput["ReadCapacityUnits"],
            "WriteCapacityUnits": table.throughput["WriteCapacityUnits"]}
    if table.global_indexes:
        request["GlobalSecondaryIndexes"] = []
        for index in table.global_indexes:
            entry = {"IndexName": index.name, "KeySchema": index.schema, "Projection": index.projection}
            if provisioned and getattr(index, "throughput", None):
                entry["ProvisionedThroughput"] = {
                    "ReadCapacityUnits": index.throughput["ReadCapacityUnits"],
                    "WriteCapacityUnits": index.throughput["WriteCapacityUnits"]}
            request["GlobalSecondaryIndexes"].append(entry)
    if table.indexes:
        request["LocalSecondaryIndexes"] = [
            {"IndexName": index.name, "KeySchema": index.schema, "Projection": index.projection}
            for index in table.indexes]
    if table.stream_specification and table.stream_specification.get("StreamEnabled"):
        request["StreamSpecification"] = {
            "StreamEnabled": True, "StreamViewType": table.stream_specification["StreamViewType"]}
    if table.tags:
        request["Tags"] = table.tags
    if table.deletion_protection_enabled:
        request["DeletionProtectionEnabled"] = True
    return request


def compact(path):
    """Rewrites the journal as the tables now stand: a temporary file, synced, then renamed over the journal."""
    temporary = path + ".compacting"
    with open(temporary, "w", encoding="utf-8") as out:
        out.writelines(current_state())
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)
    directory = os.open(os.path.dirname(os.path.abspath(path)), os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


# ---------------------------------------------------------------------------------------------------------------------
# Serving


def dynamodb_first(moto_app):
    """DynamoDB's requests straight to its handler (moto's dispatcher would try every service's URL patterns first)."""
    from werkzeug.wrappers import Request, Response

    prefix = API_VERSION + "."

    def app(environ, start_response):
        if not environ.get("HTTP_X_AMZ_TARGET", "").startswith(prefix):
            return moto_app(environ, start_response)
        request = Request(environ)
        status, headers, body = DynamoHandler.dispatch(request, request.url, dict(request.headers))
        return Response(response=body, status=status, headers=headers)(environ, start_response)

    return app


def serve(port):
    """moto's app (every service) with DynamoDB's requests taken first, on a server that keeps connections open."""
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

    os.environ.setdefault("MOTO_PORT", str(port))
    for stop in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop, lambda signum, frame: sys.exit(0))
    server = KeepAliveServer(("127.0.0.1", port), wsgi_handler(dynamodb_first(DomainDispatcherApplication(create_backend_app))))
    server.serve_forever()


class KeepAliveServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    """
    A thread per connection, and connections kept open between requests: werkzeug's development server, which moto's
    own main uses, closes each connection after one request, so every SDK call paid a new connection and a new thread
    (about 1 ms of each call here). A TCPServer rather than http.server's HTTPServer, which looks its host's name up.
    """
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64


def wsgi_handler(app):
    """HTTP/1.1 requests to {app}: Content-Length or chunked bodies, Expect: 100-continue, answers with a length."""

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        wbufsize = 1 << 16  # an answer leaves in one write, when the request is done

        def setup(self):
            super().setup()
            # no wait for the client's delayed acknowledgement before a kept-open connection's next answer
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def handle_one_request(self):
            try:
                super().handle_one_request()
            except (ConnectionError, TimeoutError):
                self.close_connection = True

        def log_message(self, format, *args):
            pass  # no line per request

        def body(self):
            if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                chunks = []
                while True:
                    size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                    if size == 0:
                        while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                            pass
                        return b"".join(chunks)
                    chunks.append(self.rfile.read(size))
                    self.rfile.readline()
            return self.rfile.read(int(self.headers.get("Content-Length") or 0))

        def answer(self):
            body = self.body()
            path, _, query = self.path.partition("?")
            environ = {
                "REQUEST_METHOD": self.command, "SCRIPT_NAME": "",
                "PATH_INFO": urllib.parse.unquote_to_bytes(path).decode("latin-1"), "QUERY_STRING": query,
                "RAW_URI": self.path, "REQUEST_URI": self.path,
                "SERVER_NAME": self.server.server_address[0], "SERVER_PORT": str(self.server.server_address[1]),
                "SERVER_PROTOCOL": self.request_version, "REMOTE_ADDR": self.client_address[0],
                "CONTENT_TYPE": self.headers.get("Content-Type", ""), "CONTENT_LENGTH": str(len(body)),
                "wsgi.version": (1, 0), "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(body),
                "wsgi.errors": sys.stderr, "wsgi.multithread": True, "wsgi.multiprocess": False, "wsgi.run_once": False,
            }
            for name, value in self.headers.items():
                key = name.upper().replace("-", "_")
                if key not in ("CONTENT_TYPE", "CONTENT_LENGTH", "TRANSFER_ENCODING"):
                    environ["HTTP_" + key] = value
            started = []

            def start_response(status, headers, exc_info=None):
                started[:] = [status, headers]
                return lambda data: None

            try:
                result = app(environ, start_response)
                try:
                    data = b"".join(result)
                finally:
                    if hasattr(result, "close"):
                        result.close()
                status, headers = started
            except Exception:
                import traceback

                traceback.print_exc()
                status, headers, data = "500 Internal Server Error", [("Content-Type", "text/plain")], b"moto failed"
            code, _, reason = status.partition(" ")
            self.send_response(int(code), reason)
            for name, value in headers:
                if name.lower() not in ("content-length", "connection", "transfer-encoding", "server", "date"):
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = do_OPTIONS = answer

    return Handler


def account_per_access_key():
    """DynamoDB's account: moto's choice, unless that is its default; then one derived from the request's access key id."""
    import re
    from moto.core import DEFAULT_ACCOUNT_ID

    credential = re.compile(r"Credential=([^/]+)/")
    moto_account = DynamoHandler.get_current_account

    def account_of(self):
        account = moto_account(self)
        match = credential.search(self.headers.get("Authorization", ""))
        if account != DEFAULT_ACCOUNT_ID or match is None:
            return account
        return "%012d" % (int(hashlib.sha256(match.group(1).encode("utf-8")).hexdigest(), 16) % 10 ** 12)

    DynamoHandler.get_current_account = account_of


def stop_with_stdin():
    def watch():
        sys.stdin.buffer.read()
        with ONE_AT_A_TIME:  # not in the middle of a request: every acknowledged write is in the journal
            os._exit(0)

    threading.Thread(target=watch, name="stdin-watch", daemon=True).start()


def fewer_collections():
    """
    Python's cycle collector walks every object it tracks at each full collection: with moto and boto3 imported, and
    a table of thousands of items, that is a large part of each call. What is imported now stays out of its walks, and
    it runs less often (nearly everything here is freed by reference counting).
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(100_000, 50, 1000)


def patch_moto():
    DynamoDBBackend.transact_write_items = transact_write_items
    DynamoHandler.call_action = call_action
    Table.all_items = all_items
    Table.sorted_items = sorted_items
    Table.query = query
    Table._item_comes_before_dct = item_comes_before_dct
    Table.scan = scan
    moto_table.copy = AnswersUncopied
    DynamoHandler.serialized = serialized
    DynamoHandler.parse_parameters = parse_parameters
    Item.__init__ = item_init


def run(argv):
    """One server, as the command line (or a fork of the zygote) asks; returns when it is stopped."""
    parser = argparse.ArgumentParser(description="moto's server on 127.0.0.1, DynamoDB patched and optionally journaled")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--journal", help="the file DynamoDB's state lives in between runs")
    parser.add_argument("--account-per-access-key", action="store_true")
    parser.add_argument("--stop-with-stdin", action="store_true")
    args = parser.parse_args(argv)
    if args.stop_with_stdin:
        stop_with_stdin()
    patch_moto()
    fewer_collections()
    if args.account_per_access_key:
        account_per_access_key()
    if args.journal:
        lock = open(args.journal + ".lock", "w")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("journal %s: in use by another server, waiting" % args.journal, file=sys.stderr, flush=True)
            fcntl.flock(lock, fcntl.LOCK_EX)  # let go when that process exits, however it exits
        started = time.monotonic()
        replayed = replay(args.journal) if os.path.exists(args.journal) else 0
        compact(args.journal)
        JOURNAL.open(args.journal)
        print("journal %s: %d requests replayed and compacted in %.2f s"
              % (args.journal, replayed, time.monotonic() - started), file=sys.stderr, flush=True)
    serve(args.port)


def warm_up():
    """moto imports much of DynamoDB on first use: one of each call the recorder makes, on a table then deleted."""
    import http.server  # noqa: F401
    import moto.moto_server.werkzeug_app  # noqa: F401
    from werkzeug.test import EnvironBuilder

    app = dynamodb_first(None)
    region = "us-east-1"

    def call(action, body):
        environ = EnvironBuilder(method="POST", path="/", base_url="http://127.0.0.1", headers={
            "X-Amz-Target": "%s.%s" % (API_VERSION, action), "Content-Type": "application/x-amz-json-1.0",
            "Authorization": "AWS4-HMAC-SHA256 Credential=warm/20260101/%s/dynamodb/aws4_request, SignedHeaders=host, "
                             "Signature=0" % region,
            "x-moto-account-id": "000000000000"}, data=json.dumps(body).encode("utf-8")).get_environ()
        b"".join(app(environ, lambda status, headers: None))

    table, key = "warm-up", {"pk": {"S": "a"}, "sk": {"S": "b"}}
    call("CreateTable", {"TableName": table, "BillingMode": "PAY_PER_REQUEST",
                         "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
                         "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                                  {"AttributeName": "sk", "AttributeType": "S"},
                                                  {"AttributeName": "t", "AttributeType": "S"}],
                         "GlobalSecondaryIndexes": [{"IndexName": "ByT", "Projection": {"ProjectionType": "ALL"},
                                                     "KeySchema": [{"AttributeName": "t", "KeyType": "HASH"}]}]})
    call("UpdateTimeToLive", {"TableName": table, "TimeToLiveSpecification": {"AttributeName": "e", "Enabled": True}})
    call("PutItem", {"TableName": table, "Item": dict(key, t={"S": "x"}), "ConditionExpression": "attribute_not_exists(pk)"})
    call("UpdateItem", {"TableName": table, "Key": key, "UpdateExpression": "ADD n :one SET t = :t",
                        "ExpressionAttributeValues": {":one": {"N": "1"}, ":t": {"S": "y"}}})
    call("TransactWriteItems", {"TransactItems": [{"Put": {"TableName": table, "Item": {"pk": {"S": "c"}, "sk": {"S": "d"}},
                                                           "ConditionExpression": "attribute_not_exists(pk)"}}]})
    call("BatchWriteItem", {"RequestItems": {table: [{"PutRequest": {"Item": {"pk": {"S": "e"}, "sk": {"S": "f"}}}}]}})
    call("GetItem", {"TableName": table, "Key": key, "ConsistentRead": True})
    call("Query", {"TableName": table, "IndexName": "ByT", "KeyConditionExpression": "t = :t",
                   "ExpressionAttributeValues": {":t": {"S": "y"}}})
    call("Scan", {"TableName": table})
    call("DeleteTable", {"TableName": table})


def zygote(preload):
    """
    Forks servers on request: Python and moto are imported (and warmed up) once, so that a server starts in
    milliseconds rather than seconds; so are the moto services named in {preload} (moto imports a service's code on its
    first request; CloudFormation's imports nearly every service, 2 s). Prints its control port on standard output;
    each connection to it sends one line, {"args": [...], "log": FILE}, and is answered with {"pid": N} once the server
    is forked (its output goes to FILE). Reads nothing from standard input, and ends when it closes; so does each
    server it forked.
    """
    import importlib
    import random
    import traceback

    patch_moto()
    warm_up()
    for service in preload:
        importlib.import_module("moto.%s.responses" % service)
        importlib.import_module("moto.%s.urls" % service)
    fewer_collections()
    stop_with_stdin()
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # servers are reaped as they exit
    control = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    control.bind(("127.0.0.1", 0))
    control.listen(16)
    print("control %d" % control.getsockname()[1], flush=True)
    while True:
        connection, _ = control.accept()
        request = json.loads(connection.makefile("r", encoding="utf-8").readline())
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                control.close()
                connection.close()
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                log = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
                os.dup2(log, 1)
                os.dup2(log, 2)
                random.seed()
                run(request["args"])
            except SystemExit as stopped:
                code = stopped.code if isinstance(stopped.code, int) else (0 if stopped.code is None else 1)
            except BaseException:
                traceback.print_exc()
                code = 1
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        connection.sendall(b'{"pid": %d}\n' % pid)
        connection.close()


def main():
    if sys.argv[1:2] == ["--zygote"]:
        parser = argparse.ArgumentParser(description="forks moto servers on request")
        parser.add_argument("--zygote", action="store_true")
        parser.add_argument("--preload", default="", help="moto services to import before forking, comma-separated")
        zygote([service for service in parser.parse_args().preload.split(",") if service])
    else:
        run(sys.argv[1:])


if __name__ == "__main__":
    main()
