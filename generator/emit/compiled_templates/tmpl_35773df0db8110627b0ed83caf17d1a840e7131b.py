from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'resources__init__.py.jinja'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_header = resolve('header')
    l_0_provider = resolve('provider')
    try:
        t_1 = environment.filters['name']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'name' found.")
    try:
        t_2 = environment.filters['py']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'py' found.")
    try:
        t_3 = environment.filters['sort']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'sort' found.")
    pass
    yield escape(environment.finalize((undefined(name='header') if l_0_header is missing else l_0_header)))
    yield '\n"""The clients\' groups of operations, one module per group, each imported when the client\nfirst reads the group\'s attribute (`client.'
    yield escape(environment.finalize(t_1(environment.getattr(environment.getitem(environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'namespaces'), 0), 'attribute'))))
    yield '`): a call imports its own group alone."""\n\nfrom __future__ import annotations\n\nimport importlib\nfrom typing import TYPE_CHECKING, Any\n\nif TYPE_CHECKING:\n'
    for l_1_space in environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'namespaces'):
        _loop_vars = {}
        pass
        yield '    from .'
        yield escape(environment.finalize(t_1(environment.getattr(l_1_space, 'module'))))
        yield ' import (\n        '
        yield escape(environment.finalize(t_1(environment.getattr(l_1_space, 'async_class_name'))))
        yield ' as '
        yield escape(environment.finalize(t_1(environment.getattr(l_1_space, 'async_class_name'))))
        yield ',\n        '
        yield escape(environment.finalize(t_1(environment.getattr(l_1_space, 'async_raw_class_name'))))
        yield ' as '
        yield escape(environment.finalize(t_1(environment.getattr(l_1_space, 'async_raw_class_name'))))
        yield ',\n        '
        yield escape(environment.finalize(t_1(environment.getattr(l_1_space, 'class_name'))))
        yield ' as '
        yield escape(environment.finalize(t_1(environment.getattr(l_1_space, 'class_name'))))
        yield ',\n        '
        yield escape(environment.finalize(t_1(environment.getattr(l_1_space, 'raw_class_name'))))
        yield ' as '
        yield escape(environment.finalize(t_1(environment.getattr(l_1_space, 'raw_class_name'))))
        yield ',\n    )\n'
    l_1_space = missing
    yield '\n#: The module of each class.\n_MODULES = {\n'
    for l_1_space in environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'namespaces'):
        _loop_vars = {}
        pass
        for l_2_class_name in [environment.getattr(l_1_space, 'class_name'), environment.getattr(l_1_space, 'async_class_name'), environment.getattr(l_1_space, 'raw_class_name'), environment.getattr(l_1_space, 'async_raw_class_name')]:
            _loop_vars = {}
            pass
            yield '    '
            yield escape(environment.finalize(t_2(l_2_class_name)))
            yield ': '
            yield escape(environment.finalize(t_2(environment.getattr(l_1_space, 'module'))))
            yield ',\n'
        l_2_class_name = missing
    l_1_space = missing
    yield '}\n\n__all__ = [\n'
    for l_1_space in environment.getattr((undefined(name='provider') if l_0_provider is missing else l_0_provider), 'namespaces'):
        _loop_vars = {}
        pass
        for l_2_class_name in t_3(environment, [environment.getattr(l_1_space, 'class_name'), environment.getattr(l_1_space, 'async_class_name'), environment.getattr(l_1_space, 'raw_class_name'), environment.getattr(l_1_space, 'async_raw_class_name')]):
            _loop_vars = {}
            pass
            yield '    '
            yield escape(environment.finalize(t_2(l_2_class_name)))
            yield ',\n'
        l_2_class_name = missing
    l_1_space = missing
    yield ']\n\n\ndef __getattr__(name: str) -> Any:\n    module = _MODULES.get(name)\n    if module is None:\n        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")\n    value = getattr(importlib.import_module("." + module, __name__), name)\n    globals()[name] = value  # later reads find it without this function\n    return value\n\n\ndef __dir__() -> list[str]:\n    return sorted([*globals(), *_MODULES])\n'

blocks = {}
debug_info = '1=31&3=33&11=35&12=39&13=41&14=45&15=49&16=53&22=59&23=62&24=66&30=73&31=76&32=80'