from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_resource.py.jinja'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_header = resolve('header')
    l_0_space = resolve('space')
    l_0_method = l_0_operation_constant = l_0_operations = missing
    try:
        t_1 = environment.filters['doc']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'doc' found.")
    try:
        t_2 = environment.filters['list']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'list' found.")
    try:
        t_3 = environment.filters['map']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'map' found.")
    try:
        t_4 = environment.filters['name']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'name' found.")
    try:
        t_5 = environment.filters['py']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'py' found.")
    try:
        t_6 = environment.filters['selectattr']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No filter named 'selectattr' found.")
    try:
        t_7 = environment.filters['sort']
    except KeyError:
        @internalcode
        def t_7(*unused):
            raise TemplateRuntimeError("No filter named 'sort' found.")
    try:
        t_8 = environment.filters['sum']
    except KeyError:
        @internalcode
        def t_8(*unused):
            raise TemplateRuntimeError("No filter named 'sum' found.")
    try:
        t_9 = environment.filters['unique']
    except KeyError:
        @internalcode
        def t_9(*unused):
            raise TemplateRuntimeError("No filter named 'unique' found.")
    pass
    included_template = environment.get_template('_operations.jinja', '_resource.py.jinja')._get_default_module(context)
    l_0_method = getattr(included_template, 'method', missing)
    if l_0_method is missing:
        l_0_method = undefined(f"the template {included_template.__name__!r} (imported on line 1 in '_resource.py.jinja') does not export the requested name 'method'", name='method')
    l_0_operation_constant = getattr(included_template, 'operation_constant', missing)
    if l_0_operation_constant is missing:
        l_0_operation_constant = undefined(f"the template {included_template.__name__!r} (imported on line 1 in '_resource.py.jinja') does not export the requested name 'operation_constant'", name='operation_constant')
    context.vars.update({'method': l_0_method, 'operation_constant': l_0_operation_constant})
    context.exported_vars.difference_update(('method', 'operation_constant'))
    yield escape(environment.finalize((undefined(name='header') if l_0_header is missing else l_0_header)))
    yield '\n"""The '
    yield escape(environment.finalize(t_1(environment.getattr((undefined(name='space') if l_0_space is missing else l_0_space), 'attribute'))))
    yield ' operations (`client.'
    yield escape(environment.finalize(t_4(environment.getattr((undefined(name='space') if l_0_space is missing else l_0_space), 'attribute'))))
    yield '`), imported when the client first reads that attribute."""\n\nfrom __future__ import annotations\n\n'
    l_0_operations = environment.getattr((undefined(name='space') if l_0_space is missing else l_0_space), 'operations')
    context.vars['operations'] = l_0_operations
    context.exported_vars.add('operations')
    for l_1_module in t_7(environment, t_9(environment, t_8(environment, t_3(context, (undefined(name='operations') if l_0_operations is missing else l_0_operations), attribute='annotation_modules'), start=[]))):
        _loop_vars = {}
        pass
        yield 'import '
        yield escape(environment.finalize(t_4(l_1_module)))
        yield '\n'
    l_1_module = missing
    if t_2(context.eval_ctx, t_6(context, (undefined(name='operations') if l_0_operations is missing else l_0_operations), 'sends_bytes')):
        pass
        yield 'import os\n'
    yield 'from collections.abc import Mapping, Sequence\nfrom typing import '
    if t_2(context.eval_ctx, t_6(context, (undefined(name='operations') if l_0_operations is missing else l_0_operations), 'sends_bytes')):
        pass
        yield 'IO, '
    yield 'TYPE_CHECKING, Any, Literal'
    if (t_2(context.eval_ctx, t_6(context, (undefined(name='operations') if l_0_operations is missing else l_0_operations), 'async_recast')) or t_2(context.eval_ctx, t_6(context, (undefined(name='operations') if l_0_operations is missing else l_0_operations), 'has_events_method'))):
        pass
        yield ', cast'
    yield '\n\nimport httpx\n\nfrom .._client import AsyncClient, Client\nfrom .._runtime import (\n    NOT_GIVEN,\n    AsyncResource,\n    NotGiven,\n    Operation,\n    SyncResource,\n    async_raw_response,\n    raw_response,\n)\n'
    if t_2(context.eval_ctx, t_6(context, (undefined(name='operations') if l_0_operations is missing else l_0_operations), 'file_fields')):
        pass
        yield 'from .._runtime import FileTypes\n'
    if t_2(context.eval_ctx, t_6(context, (undefined(name='operations') if l_0_operations is missing else l_0_operations), 'returns_binary')):
        pass
        yield 'from .._runtime._binary import AsyncBinaryResponse, BinaryResponse\n'
    if t_2(context.eval_ctx, t_6(context, (undefined(name='operations') if l_0_operations is missing else l_0_operations), 'returns_events')):
        pass
        yield 'from .._runtime import AsyncEventStream, EventStream\n'
    if t_2(context.eval_ctx, t_6(context, (undefined(name='operations') if l_0_operations is missing else l_0_operations), 'has_events_method')):
        pass
        yield 'from .._runtime import as_events\n'
    if t_2(context.eval_ctx, t_6(context, (undefined(name='operations') if l_0_operations is missing else l_0_operations), 'sends_json_text')):
        pass
        yield 'from .._client import _json_text\n'
    yield '\nif TYPE_CHECKING:\n    from .. import models\nelse:\n    from .._client import models  # the same stand-in: it imports a model on first read\n\n__all__ = [\n    '
    yield escape(environment.finalize(t_5(environment.getattr((undefined(name='space') if l_0_space is missing else l_0_space), 'async_class_name'))))
    yield ',\n    '
    yield escape(environment.finalize(t_5(environment.getattr((undefined(name='space') if l_0_space is missing else l_0_space), 'async_raw_class_name'))))
    yield ',\n    '
    yield escape(environment.finalize(t_5(environment.getattr((undefined(name='space') if l_0_space is missing else l_0_space), 'class_name'))))
    yield ',\n    '
    yield escape(environment.finalize(t_5(environment.getattr((undefined(name='space') if l_0_space is missing else l_0_space), 'raw_class_name'))))
    yield ',\n]\n'
    for l_1_op in (undefined(name='operations') if l_0_operations is missing else l_0_operations):
        _loop_vars = {}
        pass
        yield escape(environment.finalize(context.call((undefined(name='operation_constant') if l_0_operation_constant is missing else l_0_operation_constant), l_1_op, _loop_vars=_loop_vars)))
    l_1_op = missing
    yield '\n\nclass '
    yield escape(environment.finalize(t_4(environment.getattr((undefined(name='space') if l_0_space is missing else l_0_space), 'class_name'))))
    yield '(SyncResource):\n    """The '
    yield escape(environment.finalize(t_1(environment.getattr((undefined(name='space') if l_0_space is missing else l_0_space), 'attribute'))))
    yield ' operations of `Client` (`client.'
    yield escape(environment.finalize(t_4(environment.getattr((undefined(name='space') if l_0_space is missing else l_0_space), 'attribute'))))
    yield '`)."""\n\n    _client: Client\n'
    for l_1_op in (undefined(name='operations') if l_0_operations is missing else l_0_operations):
        _loop_vars = {}
        pass
        yield escape(environment.finalize(context.call((undefined(name='method') if l_0_method is missing else l_0_method), l_1_op, False, True, _loop_vars=_loop_vars)))
        if environment.getattr(l_1_op, 'has_events_method'):
            pass
            yield escape(environment.finalize(context.call((undefined(name='method') if l_0_method is missing else l_0_method), l_1_op, False, True, events=True, _loop_vars=_loop_vars)))
    l_1_op = missing
    yield '\n\nclass '
    yield escape(environment.finalize(t_4(environment.getattr((undefined(name='space') if l_0_space is missing else l_0_space), 'async_class_name'))))
    yield '(AsyncResource):\n    """The '
    yield escape(environment.finalize(t_1(environment.getattr((undefined(name='space') if l_0_space is missing else l_0_space), 'attribute'))))
    yield ' operations of `AsyncClient` (`client.'
    yield escape(environment.finalize(t_4(environment.getattr((undefined(name='space') if l_0_space is missing else l_0_space), 'attribute'))))
    yield '`)."""\n\n    _client: AsyncClient\n'
    for l_1_op in (undefined(name='operations') if l_0_operations is missing else l_0_operations):
        _loop_vars = {}
        pass
        yield escape(environment.finalize(context.call((undefined(name='method') if l_0_method is missing else l_0_method), l_1_op, True, True, _loop_vars=_loop_vars)))
        if environment.getattr(l_1_op, 'has_events_method'):
            pass
            yield escape(environment.finalize(context.call((undefined(name='method') if l_0_method is missing else l_0_method), l_1_op, True, True, events=True, _loop_vars=_loop_vars)))
    l_1_op = missing
    yield '\n\nclass '
    yield escape(environment.finalize(t_4(environment.getattr((undefined(name='space') if l_0_space is missing else l_0_space), 'raw_class_name'))))
    yield ':\n    """`'
    yield escape(environment.finalize(t_4(environment.getattr((undefined(name='space') if l_0_space is missing else l_0_space), 'class_name'))))
    yield '`\'s methods, each returning an `APIResponse`."""\n\n    def __init__(self, resource: '
    yield escape(environment.finalize(t_4(environment.getattr((undefined(name='space') if l_0_space is missing else l_0_space), 'class_name'))))
    yield ') -> None:\n'
    for l_1_op in (undefined(name='operations') if l_0_operations is missing else l_0_operations):
        _loop_vars = {}
        pass
        yield '        self.'
        yield escape(environment.finalize(t_4(environment.getattr(l_1_op, 'method_name'))))
        yield ' = raw_response(resource.'
        yield escape(environment.finalize(t_4(environment.getattr(l_1_op, 'method_name'))))
        yield ')\n'
        if environment.getattr(l_1_op, 'has_events_method'):
            pass
            yield '        self.'
            yield escape(environment.finalize(t_4(environment.getattr(l_1_op, 'events_method_name'))))
            yield ' = raw_response(resource.'
            yield escape(environment.finalize(t_4(environment.getattr(l_1_op, 'events_method_name'))))
            yield ')\n'
    l_1_op = missing
    yield '\n\nclass '
    yield escape(environment.finalize(t_4(environment.getattr((undefined(name='space') if l_0_space is missing else l_0_space), 'async_raw_class_name'))))
    yield ':\n    """`'
    yield escape(environment.finalize(t_4(environment.getattr((undefined(name='space') if l_0_space is missing else l_0_space), 'async_class_name'))))
    yield '`\'s methods, each returning an `APIResponse`."""\n\n    def __init__(self, resource: '
    yield escape(environment.finalize(t_4(environment.getattr((undefined(name='space') if l_0_space is missing else l_0_space), 'async_class_name'))))
    yield ') -> None:\n'
    for l_1_op in (undefined(name='operations') if l_0_operations is missing else l_0_operations):
        _loop_vars = {}
        pass
        yield '        self.'
        yield escape(environment.finalize(t_4(environment.getattr(l_1_op, 'method_name'))))
        yield ' = async_raw_response(resource.'
        yield escape(environment.finalize(t_4(environment.getattr(l_1_op, 'method_name'))))
        yield ')\n'
        if environment.getattr(l_1_op, 'has_events_method'):
            pass
            yield '        self.'
            yield escape(environment.finalize(t_4(environment.getattr(l_1_op, 'events_method_name'))))
            yield ' = async_raw_response(resource.'
            yield escape(environment.finalize(t_4(environment.getattr(l_1_op, 'events_method_name'))))
            yield ')\n'
    l_1_op = missing

blocks = {}
debug_info = '1=68&2=77&3=79&7=83&8=86&9=90&11=93&15=97&30=105&33=108&36=111&39=114&42=117&52=121&53=123&54=125&55=127&57=129&58=132&62=135&63=137&66=141&67=144&68=145&69=147&74=150&75=152&78=156&79=159&80=160&81=162&86=165&87=167&89=169&90=171&91=175&92=179&93=182&98=188&99=190&101=192&102=194&103=198&104=202&105=205'