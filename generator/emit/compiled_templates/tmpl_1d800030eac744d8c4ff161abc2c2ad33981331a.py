from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_client.py.jinja'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_header = resolve('header')
    l_0_provider = resolve('provider')
    l_0_version = resolve('version')
    l_0_method = l_0_operation_constant = l_0_json_modules = l_0_binary = l_0_errors = l_0_and_wait = l_0_callback_methods = l_0_wait_for_task = missing
    try:
        t_1 = environment.filters['annotation']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'annotation' found.")
    try:
        t_2 = environment.filters['doc']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'doc' found.")
    try:
        t_3 = environment.filters['list']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'list' found.")
    try:
        t_4 = environment.filters['map']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'map' found.")
    try:
        t_5 = environment.filters['name']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'name' found.")
    try:
        t_6 = environment.filters['py']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No filter named 'py' found.")
    try:
        t_7 = environment.filters['replace']
    except KeyError:
        @internalcode
        def t_7(*unused):
            raise TemplateRuntimeError("No filter named 'replace' found.")
    try:
        t_8 = environment.filters['selectattr']
    except KeyError:
        @internalcode
        def t_8(*unused):
            raise TemplateRuntimeError("No filter named 'selectattr' found.")
    try:
        t_9 = environment.filters['sort']
    except KeyError:
        @internalcode
        def t_9(*unused):
            raise TemplateRuntimeError("No filter named 'sort' found.")
    try:
        t_10 = environment.filters['sum']
    except KeyError:
        @internalcode
        def t_10(*unused):
            raise TemplateRuntimeError("No filter named 'sum' found.")
    try:
        t_11 = environment.filters['token']
    except KeyError:
        @internalcode
        def t_11(*unused):
            raise TemplateRuntimeError("No filter named 'token' found.")
    try:
        t_12 = environment.filters['unique']
    except KeyError:
        @internalcode
        def t_12(*unused):
            raise TemplateRuntimeError("No filter named 'unique' found.")
    try:
        t_13 = environment.filters['wait_docstring']
    except KeyError:
        @internalcode
        def t_13(*unused):
            raise TemplateRuntimeError("No filter named 'wait_docstring' found.")
    try:
        t_14 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_14(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    included_template = environment.get_template('_operations.jinja', '_client.py.jinja')._get_default_module(context)
    l_0_method = getattr(included_template, 'method', missing)
    if l_0_method is missing:
        l_0_method = undefined(f"the template {included_template.__name__!r} (imported on line 1 in '_client.py.jinja') does not export the requested name 'method'", name='method')
    l_0_operation_constant = getattr(included_template, 'operation_constant', missing)
    if l_0_operation_constant is missing:
        l_0_operation_constant = undefined(f"the template {included_template.__name__!r} (imported on line 1 in '_client.py.jinja') does not export the requested name 'operation_constant'", name='operation_constant')
    context.vars.update({'method': l_0_method, 'operation_constant': l_0_operation_constant})
    context.exported_vars.difference_update(('method', 'operation_constant'))
    yield escape(environment.finalize((undefined(name='header') if l_0_header is missing else l_0_header)))
    yield '\n"""The '
    yield escape(environment.finalize(t_2(environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'title'))))
    yield ' clients: one method per documented operation."""\n\nfrom __future__ import annotations\n\n'
    l_0_json_modules = (['json'] if t_3(context.eval_ctx, t_8(context, environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'operations'), 'sends_json_text')) else [])
    context.vars['json_modules'] = l_0_json_modules
    context.exported_vars.add('json_modules')
    for l_1_module in t_9(environment, t_12(environment, t_10(environment, t_4(context, environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'operations'), attribute='annotation_modules'), start=(['importlib'] + (undefined(name='json_modules') if l_0_json_modules is missing else l_0_json_modules))))):
        _loop_vars = {}
        pass
        yield 'import '
        yield escape(environment.finalize(t_5(l_1_module)))
        yield '\n'
    l_1_module = missing
    yield 'from collections.abc import Callable, Mapping, Sequence\nfrom types import ModuleType\n'
    l_0_binary = (t_3(context.eval_ctx, t_8(context, environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'operations'), 'async_recast')) or t_3(context.eval_ctx, t_8(context, environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'flat_operations'), 'has_events_method')))
    context.vars['binary'] = l_0_binary
    context.exported_vars.add('binary')
    if t_3(context.eval_ctx, t_8(context, environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'operations'), 'sends_bytes')):
        pass
        yield 'import os\nfrom typing import IO, TYPE_CHECKING, Any, Literal'
        if (undefined(name='binary') if l_0_binary is missing else l_0_binary):
            pass
            yield ', cast'
        yield '\n'
    else:
        pass
        yield 'from typing import TYPE_CHECKING, Any, Literal'
        if (undefined(name='binary') if l_0_binary is missing else l_0_binary):
            pass
            yield ', cast'
        yield '\n'
    yield '\nimport httpx\n\nfrom ._version import __version__\nfrom ._runtime import (\n    DEFAULT_MAX_WAIT,\n    DEFAULT_POLL_INTERVAL,\n    NOT_GIVEN,\n    AsyncAPIClient,\n    Envelope,\n    ErrorCode,\n    ErrorFormat,\n    Lifecycle,\n    LazyModels,\n    NotGiven,\n    Operation,\n    Provider,\n    SyncAPIClient,\n    TaskProgress,\n    TaskResult,\n    async_raw_response,\n    raw_response,\n)\n'
    if t_3(context.eval_ctx, t_8(context, environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'operations'), 'sends_json_text')):
        pass
        yield 'from ._runtime import to_jsonable\n'
    if (not t_14(environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'security'))):
        pass
        yield 'from ._runtime import SecurityScheme\n'
    if environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'namespaces'):
        pass
        yield 'from ._runtime import LazyModule\n'
    if t_3(context.eval_ctx, t_8(context, environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'operations'), 'file_fields')):
        pass
        yield 'from ._runtime import FileTypes\n'
    if t_3(context.eval_ctx, t_8(context, environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'operations'), 'returns_binary')):
        pass
        yield 'from ._runtime._binary import AsyncBinaryResponse, BinaryResponse\n'
    if t_3(context.eval_ctx, t_8(context, environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'flat_operations'), 'returns_events')):
        pass
        yield 'from ._runtime import AsyncEventStream, EventStream\n'
    if t_3(context.eval_ctx, t_8(context, environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'flat_operations'), 'has_events_method')):
        pass
        yield 'from ._runtime import as_events\n'
    if environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'callback_operations'):
        pass
        yield 'from ._runtime import APIError, Callback, TaskCallback\nfrom ._runtime._callback import confirm_arguments, confirmed, read_callback, unknown_task\n'
    yield '\nif TYPE_CHECKING:\n    from . import models\n'
    if environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'namespaces'):
        pass
        yield '    from . import resources as _resources\n'
    yield 'else:\n    models = LazyModels(__package__)\n'
    if environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'namespaces'):
        pass
        yield '    # Each group\'s module is imported when the client first reads its attribute. The name is\n    # private so that no group\'s attribute (`client.resources`) can hide it in a class body.\n    _resources = LazyModule(__package__, ".resources")\n'
    yield '\n__all__ = ["AsyncClient", "AsyncClientWithRawResponse", "Client", "ClientWithRawResponse"]\n\n\ndef _models() -> ModuleType:\n    # Called on the first request, so that importing the package does not import the models.\n    return importlib.import_module(".models", __package__)\n\n\nPROVIDER = Provider(\n    name='
    yield escape(environment.finalize(t_6(environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'name'))))
    yield ',\n    title='
    yield escape(environment.finalize(t_6(environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'title'))))
    yield ',\n    api_key_env='
    yield escape(environment.finalize(t_6(environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'api_key_env'))))
    yield ',\n    base_url_env='
    yield escape(environment.finalize(t_6(environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'base_url_env'))))
    yield ',\n    default_base_url='
    yield escape(environment.finalize(t_6(environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'default_base_url'))))
    yield ',\n    user_agent=f"'
    yield escape(environment.finalize(t_11(environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'distribution'))))
    yield '/{__version__} gatewaygen/'
    yield escape(environment.finalize((undefined(name='version') if l_0_version is missing else l_0_version)))
    yield '",\n    models=_models,\n'
    if (not t_14(environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'security'))):
        pass
        if environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'security_schemes'):
            pass
            yield '    security_schemes={\n'
            for (l_1_scheme_name, l_1_scheme) in context.call(environment.getattr(environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'security_schemes'), 'items')):
                _loop_vars = {}
                pass
                yield '        '
                yield escape(environment.finalize(t_6(l_1_scheme_name)))
                yield ': SecurityScheme('
                yield escape(environment.finalize(t_6(environment.getattr(l_1_scheme, 'kind'))))
                if environment.getattr(l_1_scheme, 'name'):
                    pass
                    yield ', '
                    yield escape(environment.finalize(t_6(environment.getattr(l_1_scheme, 'name'))))
                yield '),\n'
            l_1_scheme_name = l_1_scheme = missing
            yield '    },\n'
        yield '    security='
        yield escape(environment.finalize(t_6(environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'security'))))
        yield ',\n'
    if environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'envelope'):
        pass
        yield '    envelope=Envelope(\n        code='
        yield escape(environment.finalize(t_6(environment.getattr(environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'envelope'), 'code'))))
        yield ',\n        success='
        yield escape(environment.finalize(t_6(environment.getattr(environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'envelope'), 'success'))))
        yield ',\n        message='
        yield escape(environment.finalize(t_6(environment.getattr(environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'envelope'), 'message'))))
        yield ',\n        request_id='
        yield escape(environment.finalize(t_6(environment.getattr(environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'envelope'), 'request_id'))))
        yield ',\n    ),\n'
    l_0_errors = environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'errors')
    context.vars['errors'] = l_0_errors
    context.exported_vars.add('errors')
    yield '    errors=ErrorFormat(\n        code='
    yield escape(environment.finalize(t_6(environment.getattr((undefined(name='errors') if l_0_errors is missing else l_0_errors), 'code'))))
    yield ',\n        message='
    yield escape(environment.finalize(t_6(environment.getattr((undefined(name='errors') if l_0_errors is missing else l_0_errors), 'message'))))
    yield ',\n        request_id='
    yield escape(environment.finalize(t_6(environment.getattr((undefined(name='errors') if l_0_errors is missing else l_0_errors), 'request_id'))))
    yield ',\n        advice='
    yield escape(environment.finalize(t_6(environment.getattr((undefined(name='errors') if l_0_errors is missing else l_0_errors), 'advice'))))
    yield ',\n'
    if environment.getattr((undefined(name='errors') if l_0_errors is missing else l_0_errors), 'codes'):
        pass
        yield '        codes={\n'
        for (l_1_code, l_1_meaning) in context.call(environment.getattr(environment.getattr((undefined(name='errors') if l_0_errors is missing else l_0_errors), 'codes'), 'items')):
            _loop_vars = {}
            pass
            yield '            '
            yield escape(environment.finalize(t_6(l_1_code)))
            yield ': ErrorCode(\n                meaning='
            yield escape(environment.finalize(t_6(environment.getattr(l_1_meaning, 'meaning'))))
            yield ',\n                status='
            yield escape(environment.finalize(t_6(environment.getattr(l_1_meaning, 'status'))))
            yield ',\n                retry='
            yield escape(environment.finalize(t_6(environment.getattr(l_1_meaning, 'retry'))))
            yield ',\n                min_retry_delay='
            yield escape(environment.finalize(t_6(environment.getattr(l_1_meaning, 'min_retry_delay'))))
            yield ',\n                advice='
            yield escape(environment.finalize(t_6(environment.getattr(l_1_meaning, 'advice'))))
            yield ',\n            ),\n'
        l_1_code = l_1_meaning = missing
        yield '        },\n'
    yield '    ),\n)\n'
    if t_3(context.eval_ctx, t_8(context, environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'operations'), 'sends_json_text')):
        pass
        yield '\n\ndef _json_text(value: Any) -> Any:\n    """A parameter described as JSON content: its value as compact JSON text."""\n    if isinstance(value, NotGiven):\n        return value\n    return json.dumps(to_jsonable(value), ensure_ascii=False, separators=(",", ":"))\n'
    for l_1_op in environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'flat_operations'):
        _loop_vars = {}
        pass
        yield escape(environment.finalize(context.call((undefined(name='operation_constant') if l_0_operation_constant is missing else l_0_operation_constant), l_1_op, _loop_vars=_loop_vars)))
    l_1_op = missing
    for l_1_op in environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'task_operations'):
        l_1_task = missing
        _loop_vars = {}
        pass
        l_1_task = environment.getattr(l_1_op, 'task')
        _loop_vars['task'] = l_1_task
        yield '\n'
        yield escape(environment.finalize(t_5(environment.getattr(l_1_op, 'task_constant'))))
        yield ' = Lifecycle(\n    create='
        yield escape(environment.finalize(t_6(environment.getattr(l_1_op, 'method_name'))))
        yield ',\n    poll='
        yield escape(environment.finalize(t_5(environment.getattr((undefined(name='task') if l_1_task is missing else l_1_task), 'poll_constant'))))
        yield ',\n    poll_argument='
        yield escape(environment.finalize(t_6(environment.getattr((undefined(name='task') if l_1_task is missing else l_1_task), 'poll_argument'))))
        yield ',\n    poll_location='
        yield escape(environment.finalize(t_6(environment.getattr((undefined(name='task') if l_1_task is missing else l_1_task), 'poll_location'))))
        yield ',\n    id='
        yield escape(environment.finalize(t_6(environment.getattr((undefined(name='task') if l_1_task is missing else l_1_task), 'id'))))
        yield ',\n    status='
        yield escape(environment.finalize(t_6(environment.getattr((undefined(name='task') if l_1_task is missing else l_1_task), 'status'))))
        yield ',\n    succeeded=frozenset('
        yield escape(environment.finalize(t_6(environment.getattr((undefined(name='task') if l_1_task is missing else l_1_task), 'succeeded'))))
        yield '),\n    failed=frozenset('
        yield escape(environment.finalize(t_6(environment.getattr((undefined(name='task') if l_1_task is missing else l_1_task), 'failed'))))
        yield '),\n    pending='
        yield escape(environment.finalize(t_6(environment.getattr((undefined(name='task') if l_1_task is missing else l_1_task), 'pending'))))
        yield ',\n    progress='
        yield escape(environment.finalize(t_6(environment.getattr((undefined(name='task') if l_1_task is missing else l_1_task), 'progress'))))
        yield ',\n    error='
        yield escape(environment.finalize(t_6(environment.getattr((undefined(name='task') if l_1_task is missing else l_1_task), 'error'))))
        yield ',\n    video_url='
        yield escape(environment.finalize(t_6(environment.getattr((undefined(name='task') if l_1_task is missing else l_1_task), 'video_url'))))
        yield ',\n)\n'
    l_1_op = l_1_task = missing
    if environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'task_operations'):
        pass
        yield "\n#: The lifecycle of each create method's task, for `wait_for_task(operation=...)`.\nTASKS = {\n"
        for l_1_op in environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'task_operations'):
            _loop_vars = {}
            pass
            yield '    '
            yield escape(environment.finalize(t_6(environment.getattr(l_1_op, 'method_name'))))
            yield ': '
            yield escape(environment.finalize(t_5(environment.getattr(l_1_op, 'task_constant'))))
            yield ',\n'
        l_1_op = missing
        yield '}\n'
    for l_1_op in environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'callback_operations'):
        _loop_vars = {}
        pass
        yield '\n'
        yield escape(environment.finalize(t_5(environment.getattr(l_1_op, 'constant'))))
        yield '_CALLBACK = Callback(\n    lifecycle='
        yield escape(environment.finalize(t_5(environment.getattr(l_1_op, 'task_constant'))))
        yield ',\n    task_id='
        yield escape(environment.finalize(t_6(environment.getattr(environment.getattr(l_1_op, 'task'), 'callback_task_id'))))
        yield ',\n)\n'
    l_1_op = missing
    if environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'callback_operations'):
        pass
        yield "\n#: Where each create method's callbacks name their task, for `parse_callback(operation=...)`.\nCALLBACKS = {\n"
        for l_1_op in environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'callback_operations'):
            _loop_vars = {}
            pass
            yield '    '
            yield escape(environment.finalize(t_6(environment.getattr(l_1_op, 'method_name'))))
            yield ': '
            yield escape(environment.finalize(t_5(environment.getattr(l_1_op, 'constant'))))
            yield '_CALLBACK,\n'
        l_1_op = missing
        yield '}\n'
    def macro(l_1_op, l_1_is_async):
        t_15 = []
        l_1_o = missing
        if l_1_op is missing:
            l_1_op = undefined("parameter 'op' was not provided", name='op')
        if l_1_is_async is missing:
            l_1_is_async = undefined("parameter 'is_async' was not provided", name='is_async')
        pass
        l_1_o = environment.getattr(l_1_op, 'wait_options')
        t_15.append(
            '\n    ',
        )
        if l_1_is_async:
            pass
            t_15.append(
                'async ',
            )
        t_15.extend((
            'def ',
            escape(environment.finalize(t_5(environment.getattr(l_1_op, 'wait_method_name')))),
            '(\n        self,\n        *,\n',
        ))
        for l_2_p in environment.getattr(l_1_op, 'signature_parameters'):
            _loop_vars = {}
            pass
            t_15.extend((
                '        ',
                escape(environment.finalize(t_5(environment.getattr(l_2_p, 'name')))),
                ': ',
                escape(environment.finalize(t_1(environment.getattr(l_2_p, 'signature_annotation')))),
            ))
            if (not environment.getattr(l_2_p, 'required')):
                pass
                t_15.append(
                    ' = NOT_GIVEN',
                )
            t_15.append(
                ',\n',
            )
        l_2_p = missing
        t_15.extend((
            '        ',
            escape(environment.finalize(t_5(environment.getattr((undefined(name='o') if l_1_o is missing else l_1_o), 'max_wait')))),
            ': float = DEFAULT_MAX_WAIT,\n        ',
            escape(environment.finalize(t_5(environment.getattr((undefined(name='o') if l_1_o is missing else l_1_o), 'poll_interval')))),
            ': float = DEFAULT_POLL_INTERVAL,\n        ',
            escape(environment.finalize(t_5(environment.getattr((undefined(name='o') if l_1_o is missing else l_1_o), 'on_progress')))),
            ': Callable[[TaskProgress], None] | None = None,\n        ',
            escape(environment.finalize(t_5(environment.getattr((undefined(name='o') if l_1_o is missing else l_1_o), 'extra_headers')))),
            ': Mapping[str, str] | None = None,\n        ',
            escape(environment.finalize(t_5(environment.getattr((undefined(name='o') if l_1_o is missing else l_1_o), 'extra_query')))),
            ': Mapping[str, Any] | None = None,\n',
        ))
        if environment.getattr(l_1_op, 'takes_extra_body'):
            pass
            t_15.extend((
                '        ',
                escape(environment.finalize(t_5(environment.getattr((undefined(name='o') if l_1_o is missing else l_1_o), 'extra_body')))),
                ': Mapping[str, Any] | None = None,\n',
            ))
        t_15.extend((
            '        ',
            escape(environment.finalize(t_5(environment.getattr((undefined(name='o') if l_1_o is missing else l_1_o), 'timeout')))),
            ': float | httpx.Timeout | None | NotGiven = NOT_GIVEN,\n    ) -> TaskResult[models.',
            escape(environment.finalize(t_5(environment.getattr(environment.getattr(l_1_op, 'task'), 'poll_response_class')))),
            ']:\n        ',
            escape(environment.finalize(t_13(l_1_op))),
            '\n        self._check_wait(',
            escape(environment.finalize(t_6(environment.getattr(l_1_op, 'method_name')))),
            ', ',
            escape(environment.finalize(t_5(environment.getattr((undefined(name='o') if l_1_o is missing else l_1_o), 'max_wait')))),
            ', ',
            escape(environment.finalize(t_5(environment.getattr((undefined(name='o') if l_1_o is missing else l_1_o), 'poll_interval')))),
            ', ',
            escape(environment.finalize(t_5(environment.getattr((undefined(name='o') if l_1_o is missing else l_1_o), 'on_progress')))),
            ', (',
            escape(environment.finalize(t_6(environment.getattr((undefined(name='o') if l_1_o is missing else l_1_o), 'max_wait')))),
            ', ',
            escape(environment.finalize(t_6(environment.getattr((undefined(name='o') if l_1_o is missing else l_1_o), 'poll_interval')))),
            ', ',
            escape(environment.finalize(t_6(environment.getattr((undefined(name='o') if l_1_o is missing else l_1_o), 'on_progress')))),
            '))\n        client = self._per_call(',
            escape(environment.finalize(t_5(environment.getattr((undefined(name='o') if l_1_o is missing else l_1_o), 'timeout')))),
            ')\n        created = ',
        ))
        if l_1_is_async:
            pass
            t_15.append(
                'await ',
            )
        t_15.extend((
            'client.',
            escape(environment.finalize(t_5(environment.getattr(l_1_op, 'method_name')))),
            '(\n',
        ))
        for l_2_p in environment.getattr(l_1_op, 'signature_parameters'):
            _loop_vars = {}
            pass
            t_15.extend((
                '            ',
                escape(environment.finalize(t_5(environment.getattr(l_2_p, 'name')))),
                '=',
                escape(environment.finalize(t_5(environment.getattr(l_2_p, 'name')))),
                ',\n',
            ))
        l_2_p = missing
        t_15.extend((
            '            ',
            escape(environment.finalize(t_5(environment.getattr(environment.getattr(l_1_op, 'options'), 'extra_headers')))),
            '=',
            escape(environment.finalize(t_5(environment.getattr((undefined(name='o') if l_1_o is missing else l_1_o), 'extra_headers')))),
            ',\n            ',
            escape(environment.finalize(t_5(environment.getattr(environment.getattr(l_1_op, 'options'), 'extra_query')))),
            '=',
            escape(environment.finalize(t_5(environment.getattr((undefined(name='o') if l_1_o is missing else l_1_o), 'extra_query')))),
            ',\n',
        ))
        if environment.getattr(l_1_op, 'takes_extra_body'):
            pass
            t_15.extend((
                '            ',
                escape(environment.finalize(t_5(environment.getattr(environment.getattr(l_1_op, 'options'), 'extra_body')))),
                '=',
                escape(environment.finalize(t_5(environment.getattr((undefined(name='o') if l_1_o is missing else l_1_o), 'extra_body')))),
                ',\n',
            ))
        t_15.append(
            '        )\n        return ',
        )
        if l_1_is_async:
            pass
            t_15.append(
                'await ',
            )
        t_15.extend((
            'client._wait(\n            ',
            escape(environment.finalize(t_5(environment.getattr(l_1_op, 'task_constant')))),
            ',\n            client._task_id(',
            escape(environment.finalize(t_5(environment.getattr(l_1_op, 'task_constant')))),
            ', created),\n            max_wait=',
            escape(environment.finalize(t_5(environment.getattr((undefined(name='o') if l_1_o is missing else l_1_o), 'max_wait')))),
            ',\n            poll_interval=',
            escape(environment.finalize(t_5(environment.getattr((undefined(name='o') if l_1_o is missing else l_1_o), 'poll_interval')))),
            ',\n            on_progress=',
            escape(environment.finalize(t_5(environment.getattr((undefined(name='o') if l_1_o is missing else l_1_o), 'on_progress')))),
            ',\n        )\n',
        ))
        return concat(t_15)
    context.exported_vars.add('and_wait')
    context.vars['and_wait'] = l_0_and_wait = Macro(environment, macro, 'and_wait', ('op', 'is_async'), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_is_async):
        t_16 = []
        l_1_creates = l_1_choice = missing
        if l_1_is_async is missing:
            l_1_is_async = undefined("parameter 'is_async' was not provided", name='is_async')
        pass
        l_1_creates = environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'callback_operations')
        t_17 = []
        pass
        t_17.append(
            'operation: Literal[',
        )
        l_3_loop = missing
        for l_3_op, l_3_loop in LoopContext((undefined(name='creates') if l_1_creates is missing else l_1_creates), undefined):
            _loop_vars = {}
            pass
            t_17.append(
                escape(environment.finalize(t_6(environment.getattr(l_3_op, 'method_name')))),
            )
            if (not environment.getattr(l_3_loop, 'last')):
                pass
                t_17.append(
                    ', ',
                )
        l_3_loop = l_3_op = missing
        t_17.extend((
            '] = ',
            escape(environment.finalize(t_6(environment.getattr(environment.getitem((undefined(name='creates') if l_1_creates is missing else l_1_creates), 0), 'method_name')))),
        ))
        l_1_choice = (Markup if context.eval_ctx.autoescape else identity)(concat(t_17))
        t_16.extend((
            '\n    def parse_callback(\n        self,\n        body: bytes | str | Mapping[str, Any],\n        *,\n        ',
            escape(environment.finalize((undefined(name='choice') if l_1_choice is missing else l_1_choice))),
            ',\n    ) -> TaskCallback[',
            escape(environment.finalize(t_1(environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'callback_annotation')))),
            ']:\n        """Read the body the gateway POSTs to a create\'s `',
            escape(environment.finalize(t_2(t_7(context.eval_ctx, environment.getattr(environment.getattr(environment.getitem((undefined(name='creates') if l_1_creates is missing else l_1_creates), 0), 'task'), 'callback_url')[1:], '/', '.')))),
            '` (the task, in the poll\'s format).\n\n        `body` is the request\'s raw body (bytes or text) or its decoded JSON. Returns what the\n        sender claims: `.task_id`, `.status`, `.raw` (the poll\'s model) and, once the task has\n        ended, `.result` (a `TaskResult`). Sends nothing. Callbacks are not signed, so anyone\n        who knows the URL can post one: act on `confirm_callback(body)`, not on this.\n        Raises `CallbackError` for a body that is not JSON, not the poll\'s format or has no\n        task id.\n        """\n        return read_callback(self, CALLBACKS[operation], body)\n\n    ',
        ))
        if l_1_is_async:
            pass
            t_16.append(
                'async ',
            )
        t_16.extend((
            'def confirm_callback(\n        self,\n        body: bytes | str | Mapping[str, Any],\n        *,\n        ',
            escape(environment.finalize((undefined(name='choice') if l_1_choice is missing else l_1_choice))),
            ',\n    ) -> ',
            escape(environment.finalize(t_1(environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'task_result_annotation')))),
            ' | None:\n        """Read a callback body, poll the task it names once, and answer with the gateway\'s view.\n\n        Returns the `TaskResult` the poll gives once the task has ended (check `.status`: a\n        failed task is returned too, with `.error`), or None while it is still running (some\n        gateways call back on every status change). Its `video_url` is the poll\'s, never the\n        callback\'s. Raises `CallbackMismatchError` when the poll contradicts the callback (another\n        ending, another task, or no such task for this API key), `CallbackError` for an\n        unreadable body, and the poll\'s own error when the gateway cannot be asked.\n        """\n        callback = CALLBACKS[operation]\n        claimed = read_callback(self, callback, body)\n        try:\n            answer = ',
        ))
        if l_1_is_async:
            pass
            t_16.append(
                'await ',
            )
        t_16.append(
            'self._request(\n                callback.lifecycle.poll, **confirm_arguments(callback, claimed)\n            )\n        except APIError as error:\n            refusal = unknown_task(claimed, error)\n            if refusal is error:\n                raise\n            raise refusal from error\n        return confirmed(self, callback, claimed, answer)\n',
        )
        return concat(t_16)
    context.exported_vars.add('callback_methods')
    context.vars['callback_methods'] = l_0_callback_methods = Macro(environment, macro, 'callback_methods', ('is_async',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_is_async):
        t_18 = []
        l_1_creates = missing
        if l_1_is_async is missing:
            l_1_is_async = undefined("parameter 'is_async' was not provided", name='is_async')
        pass
        l_1_creates = environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'task_operations')
        t_18.append(
            '\n    ',
        )
        if l_1_is_async:
            pass
            t_18.append(
                'async ',
            )
        t_18.append(
            'def wait_for_task(\n        self,\n        task_id: str,\n        *,\n        operation: Literal[',
        )
        l_2_loop = missing
        for l_2_op, l_2_loop in LoopContext((undefined(name='creates') if l_1_creates is missing else l_1_creates), undefined):
            _loop_vars = {}
            pass
            t_18.append(
                escape(environment.finalize(t_6(environment.getattr(l_2_op, 'method_name')))),
            )
            if (not environment.getattr(l_2_loop, 'last')):
                pass
                t_18.append(
                    ', ',
                )
        l_2_loop = l_2_op = missing
        t_18.extend((
            '] = ',
            escape(environment.finalize(t_6(environment.getattr(environment.getitem((undefined(name='creates') if l_1_creates is missing else l_1_creates), 0), 'method_name')))),
            ',\n        max_wait: float = DEFAULT_MAX_WAIT,\n        poll_interval: float = DEFAULT_POLL_INTERVAL,\n        on_progress: Callable[[TaskProgress], None] | None = None,\n        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,\n    ) -> ',
            escape(environment.finalize(t_1(environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'task_result_annotation')))),
            ':\n        """Wait for a task created earlier (by this process or another) until it ends.\n\n        `operation` is the create method that made it, which decides how it is polled. Same\n        results and errors as the `..._and_wait` methods: `max_wait` is the wait\'s deadline in\n        seconds, `timeout` the HTTP timeout of each poll.\n        """\n        return ',
        ))
        if l_1_is_async:
            pass
            t_18.append(
                'await ',
            )
        t_18.append(
            'self._per_call(timeout)._wait(\n            TASKS[operation],\n            task_id,\n            max_wait=max_wait,\n            poll_interval=poll_interval,\n            on_progress=on_progress,\n        )\n',
        )
        return concat(t_18)
    context.exported_vars.add('wait_for_task')
    context.vars['wait_for_task'] = l_0_wait_for_task = Macro(environment, macro, 'wait_for_task', ('is_async',), False, False, False, context.eval_ctx.autoescape)
    yield '\n\nclass Client(SyncAPIClient):\n    """A synchronous '
    yield escape(environment.finalize(t_2(environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'title'))))
    yield ' client.\n\n    The API key is read from `'
    yield escape(environment.finalize(t_5(environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'api_key_env'))))
    yield '` when `api_key` is not given, and the base\n    URL from `'
    yield escape(environment.finalize(t_5(environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'base_url_env'))))
    yield '`'
    if environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'default_base_url'):
        pass
        yield ', then defaults to '
        yield escape(environment.finalize(t_2(environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'default_base_url'))))
    yield '.\n    Failed reads are retried up to `max_retries` times; a create that may have reached the gateway\n    is never resent without an idempotency key (see `SubmissionUncertainError`).\n    """\n\n    _provider = PROVIDER\n\n    @property\n    def with_raw_response(self) -> ClientWithRawResponse:\n        """The same methods, returning an `APIResponse` (the `httpx.Response` and `.parse()`)."""\n        return ClientWithRawResponse(self)\n'
    for l_1_space in environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'namespaces'):
        _loop_vars = {}
        pass
        yield '\n    @property\n    def '
        yield escape(environment.finalize(t_5(environment.getattr(l_1_space, 'attribute'))))
        yield '(self) -> _resources.'
        yield escape(environment.finalize(t_5(environment.getattr(l_1_space, 'class_name'))))
        yield ':\n        """The '
        yield escape(environment.finalize(t_2(environment.getattr(l_1_space, 'attribute'))))
        yield ' operations."""\n        return _resources.'
        yield escape(environment.finalize(t_5(environment.getattr(l_1_space, 'class_name'))))
        yield '(self)\n'
    l_1_space = missing
    for l_1_op in environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'flat_operations'):
        _loop_vars = {}
        pass
        yield escape(environment.finalize(context.call((undefined(name='method') if l_0_method is missing else l_0_method), l_1_op, False, _loop_vars=_loop_vars)))
        if environment.getattr(l_1_op, 'has_events_method'):
            pass
            yield escape(environment.finalize(context.call((undefined(name='method') if l_0_method is missing else l_0_method), l_1_op, False, events=True, _loop_vars=_loop_vars)))
    l_1_op = missing
    for l_1_op in environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'task_operations'):
        _loop_vars = {}
        pass
        yield escape(environment.finalize(context.call((undefined(name='and_wait') if l_0_and_wait is missing else l_0_and_wait), l_1_op, False, _loop_vars=_loop_vars)))
    l_1_op = missing
    if environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'task_operations'):
        pass
        yield escape(environment.finalize(context.call((undefined(name='wait_for_task') if l_0_wait_for_task is missing else l_0_wait_for_task), False)))
    if environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'callback_operations'):
        pass
        yield escape(environment.finalize(context.call((undefined(name='callback_methods') if l_0_callback_methods is missing else l_0_callback_methods), False)))
    yield '\n\nclass AsyncClient(AsyncAPIClient):\n    """An asynchronous '
    yield escape(environment.finalize(t_2(environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'title'))))
    yield ' client, with the same methods as `Client`."""\n\n    _provider = PROVIDER\n\n    @property\n    def with_raw_response(self) -> AsyncClientWithRawResponse:\n        """The same methods, returning an `APIResponse` (the `httpx.Response` and `.parse()`)."""\n        return AsyncClientWithRawResponse(self)\n'
    for l_1_space in environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'namespaces'):
        _loop_vars = {}
        pass
        yield '\n    @property\n    def '
        yield escape(environment.finalize(t_5(environment.getattr(l_1_space, 'attribute'))))
        yield '(self) -> _resources.'
        yield escape(environment.finalize(t_5(environment.getattr(l_1_space, 'async_class_name'))))
        yield ':\n        """The '
        yield escape(environment.finalize(t_2(environment.getattr(l_1_space, 'attribute'))))
        yield ' operations."""\n        return _resources.'
        yield escape(environment.finalize(t_5(environment.getattr(l_1_space, 'async_class_name'))))
        yield '(self)\n'
    l_1_space = missing
    for l_1_op in environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'flat_operations'):
        _loop_vars = {}
        pass
        yield escape(environment.finalize(context.call((undefined(name='method') if l_0_method is missing else l_0_method), l_1_op, True, _loop_vars=_loop_vars)))
        if environment.getattr(l_1_op, 'has_events_method'):
            pass
            yield escape(environment.finalize(context.call((undefined(name='method') if l_0_method is missing else l_0_method), l_1_op, True, events=True, _loop_vars=_loop_vars)))
    l_1_op = missing
    for l_1_op in environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'task_operations'):
        _loop_vars = {}
        pass
        yield escape(environment.finalize(context.call((undefined(name='and_wait') if l_0_and_wait is missing else l_0_and_wait), l_1_op, True, _loop_vars=_loop_vars)))
    l_1_op = missing
    if environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'task_operations'):
        pass
        yield escape(environment.finalize(context.call((undefined(name='wait_for_task') if l_0_wait_for_task is missing else l_0_wait_for_task), True)))
    if environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'callback_operations'):
        pass
        yield escape(environment.finalize(context.call((undefined(name='callback_methods') if l_0_callback_methods is missing else l_0_callback_methods), True)))
    yield '\n\nclass ClientWithRawResponse:\n    """`Client`\'s methods, each returning `APIResponse[Model]` instead of the model."""\n\n    def __init__(self, client: Client) -> None:\n'
    if environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'namespaces'):
        pass
        yield '        self._client = client\n'
    t_19 = 1
    for l_1_op in environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'flat_operations'):
        _loop_vars = {}
        pass
        yield '        self.'
        yield escape(environment.finalize(t_5(environment.getattr(l_1_op, 'method_name'))))
        yield ' = raw_response(client.'
        yield escape(environment.finalize(t_5(environment.getattr(l_1_op, 'method_name'))))
        yield ')\n'
        if environment.getattr(l_1_op, 'has_events_method'):
            pass
            yield '        self.'
            yield escape(environment.finalize(t_5(environment.getattr(l_1_op, 'events_method_name'))))
            yield ' = raw_response(client.'
            yield escape(environment.finalize(t_5(environment.getattr(l_1_op, 'events_method_name'))))
            yield ')\n'
        t_19 = 0
    l_1_op = missing
    if t_19:
        pass
        if (not environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'namespaces')):
            pass
            yield '        pass  # no operation of this API could be built\n'
    for l_1_space in environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'namespaces'):
        _loop_vars = {}
        pass
        yield '\n    @property\n    def '
        yield escape(environment.finalize(t_5(environment.getattr(l_1_space, 'attribute'))))
        yield '(self) -> _resources.'
        yield escape(environment.finalize(t_5(environment.getattr(l_1_space, 'raw_class_name'))))
        yield ':\n        """The '
        yield escape(environment.finalize(t_2(environment.getattr(l_1_space, 'attribute'))))
        yield ' operations, each returning an `APIResponse`."""\n        return _resources.'
        yield escape(environment.finalize(t_5(environment.getattr(l_1_space, 'raw_class_name'))))
        yield '(self._client.'
        yield escape(environment.finalize(t_5(environment.getattr(l_1_space, 'attribute'))))
        yield ')\n'
    l_1_space = missing
    yield '\n\nclass AsyncClientWithRawResponse:\n    """`AsyncClient`\'s methods, each returning `APIResponse[Model]` instead of the model."""\n\n    def __init__(self, client: AsyncClient) -> None:\n'
    if environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'namespaces'):
        pass
        yield '        self._client = client\n'
    t_20 = 1
    for l_1_op in environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'flat_operations'):
        _loop_vars = {}
        pass
        yield '        self.'
        yield escape(environment.finalize(t_5(environment.getattr(l_1_op, 'method_name'))))
        yield ' = async_raw_response(client.'
        yield escape(environment.finalize(t_5(environment.getattr(l_1_op, 'method_name'))))
        yield ')\n'
        if environment.getattr(l_1_op, 'has_events_method'):
            pass
            yield '        self.'
            yield escape(environment.finalize(t_5(environment.getattr(l_1_op, 'events_method_name'))))
            yield ' = async_raw_response(client.'
            yield escape(environment.finalize(t_5(environment.getattr(l_1_op, 'events_method_name'))))
            yield ')\n'
        t_20 = 0
    l_1_op = missing
    if t_20:
        pass
        if (not environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'namespaces')):
            pass
            yield '        pass  # no operation of this API could be built\n'
    for l_1_space in environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'namespaces'):
        _loop_vars = {}
        pass
        yield '\n    @property\n    def '
        yield escape(environment.finalize(t_5(environment.getattr(l_1_space, 'attribute'))))
        yield '(self) -> _resources.'
        yield escape(environment.finalize(t_5(environment.getattr(l_1_space, 'async_raw_class_name'))))
        yield ':\n        """The '
        yield escape(environment.finalize(t_2(environment.getattr(l_1_space, 'attribute'))))
        yield ' operations, each returning an `APIResponse`."""\n        return _resources.'
        yield escape(environment.finalize(t_5(environment.getattr(l_1_space, 'async_raw_class_name'))))
        yield '(self._client.'
        yield escape(environment.finalize(t_5(environment.getattr(l_1_space, 'attribute'))))
        yield ')\n'
    l_1_space = missing

blocks = {}
debug_info = '1=99&2=108&3=110&7=112&8=115&9=119&13=123&14=126&16=129&19=136&45=141&48=144&51=147&54=150&57=153&60=156&63=159&66=162&73=166&78=170&93=174&94=176&95=178&96=180&97=182&98=184&100=188&101=190&103=193&104=197&108=208&110=210&112=213&113=215&114=217&115=219&118=221&120=225&121=227&122=229&123=231&124=233&126=236&127=240&128=242&129=244&130=246&131=248&132=250&139=255&148=258&149=261&151=263&152=267&154=270&155=272&156=274&157=276&158=278&159=280&160=282&161=284&162=286&163=288&164=290&165=292&166=294&169=297&173=300&174=304&178=310&180=314&181=316&182=318&185=321&189=324&190=328&194=334&195=342&197=346&200=356&201=361&203=376&204=378&205=380&206=382&207=384&208=387&209=391&211=396&212=398&213=400&214=402&215=416&216=419&217=429&218=434&220=442&221=446&222=451&223=455&226=463&227=470&228=472&229=474&230=476&231=478&234=484&235=490&236=497&242=516&243=518&244=520&255=523&259=530&260=532&273=535&283=546&284=552&286=556&290=565&295=581&302=584&313=596&315=598&316=600&327=607&330=611&331=615&332=617&334=620&335=623&336=624&337=626&340=628&341=631&343=633&344=635&346=636&347=638&352=640&360=642&363=646&364=650&365=652&367=655&368=658&369=659&370=661&373=663&374=666&376=668&377=670&379=671&380=673&388=675&391=679&392=683&393=687&394=690&397=698&401=701&404=705&405=709&406=711&414=717&417=721&418=725&419=729&420=732&423=740&427=743&430=747&431=751&432=753'