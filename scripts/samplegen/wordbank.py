"""Invented local news, notices and ads, drawn from phrase banks by a seeded generator.

The corpus has a few dozen real-looking articles; pages of the wide family need
hundreds of short ones (a band of five one-column modules), so their texts are
composed here from phrases: headlines in two to four parts (one part a line when
a headline is set in several lines), kickers, subheadlines, datelines, bylines,
body sentences, captions with a photo credit (记者 X 摄), classified notices
(遗失声明, 招聘, 减资公告 ...) and display ads that name a phone, an address and a price.
"""

from __future__ import annotations

import numpy as np

from samplegen.corpus import AdText, ArticleText, SubheadText

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
    "蒋蔡余杜叶程魏苏吕丁沈任姚卢姜崔钟谭陆汪范金石廖贾夏韦付方邹熊孟秦邱江尹薛"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉健宁晨阳佳琳婷雪梅峰海波斌浩凯悦欣怡璐晓蕾颖瑶"
PLACES = (
    "崇川区", "通州区", "海门区", "如皋市", "启东市", "海安市", "如东县", "通州湾", "开发区",
    "狼山街道", "和平桥街道", "城东街道", "观音山街道", "石港镇", "三余镇", "东社镇", "环西社区",
)  # fmt: skip
BODIES = (
    "市住建局", "市交通运输局", "区教育局", "市文广旅局", "市卫健委", "市农业农村局", "区市场监管局",
    "市气象台", "市图书馆", "市总工会", "团市委", "市消防救援支队", "市供电公司", "区城管局", "市医保局",
)  # fmt: skip
PROJECTS = (
    "老旧小区改造", "农贸市场提升", "口袋公园建设", "雨污分流工程", "学校扩建", "社区食堂", "充电桩布点",
    "滨江步道", "智慧停车", "乡村道路提档", "河道整治", "养老服务中心", "菜市场升级", "全民健身中心",
)  # fmt: skip
ACTS = ("启动", "完工", "投用", "开放", "提速", "过半", "验收", "推进", "落地", "开工")
GOODS = ("惠及居民", "新增车位", "服务群众", "覆盖家庭", "受益学生", "新增岗位")
TOPICS = ("文明创建", "安全生产", "垃圾分类", "冬季供暖", "春运保障", "防汛备汛", "消费帮扶", "冬季征兵")
SCENES = (
    "市民在新建的口袋公园里晨练", "志愿者为社区老人测量血压", "施工人员在工地上加紧作业",
    "孩子们在图书馆里阅读绘本", "环卫工人清扫落叶", "农户在大棚里采摘草莓", "游客在古街上拍照留念",
    "交警在路口疏导车流", "消防员进行冬季实战演练", "学生在操场上参加冬季长跑",
)  # fmt: skip
DATELINES = ("本报讯", "晚报讯", "本报讯", "新华社电")

SENTENCES = (
    "{p}{b}近日召开专题会议，部署{t}各项工作。",
    "今年以来，{p}共实施{j}项目{n}个，总投资{m}亿元。",
    "项目建成后，预计可{g}{k}户，群众的获得感明显增强。",
    "记者从{b}获悉，{j}工程目前已完成总工程量的{q}%。",
    "据介绍，{p}将在{mo}月底前完成{j}的全部主体施工。",
    "“{t}关系到千家万户，我们一定把好事办好。”{b}相关负责人说。",
    "居民{name}告诉记者，以前出门买菜要走很远，现在步行几分钟就能到。",
    "下一步，{b}将加强统筹协调，确保各项任务按时完成。",
    "活动现场，工作人员向市民发放宣传资料{k}余份，解答咨询{n}人次。",
    "截至目前，{p}已累计完成{j}{n}处，{g}{k}人。",
    "为保障施工期间群众出行，{b}在周边设置了临时通道和指示标牌。",
    "{b}还将组织专家开展“回头看”，对发现的问题建立台账、限期整改。",
    "据统计，{mo}月份{p}接待游客{k}人次，同比增长{q}%。",
    "业内人士认为，这一举措将进一步激发市场活力，带动就业和消费。",
    "与往年相比，今年的{t}工作更加注重细节，群众满意度达到{q}%以上。",
    "{name}是一名有着{n}年工龄的老党员，每天清早都会来到现场查看进度。",
    "{p}相关负责人表示，将继续倾听群众意见，让{j}真正成为民心工程。",
    "此外，{b}开通了咨询热线，市民可在工作日拨打电话了解详情。",
)  # fmt: skip
HEADS = (
    ("{p}{n}个{j}项目集中{a}", "总投资{m}亿元"),
    ("{j}按下“快进键”", "{p}{g}{k}户"),
    ("{b}部署{t}工作", "确保各项任务落到实处"),
    ("{p}{j}全面{a}", "{mo}月底前全部完成"),
    ("{t}进社区", "志愿服务暖人心"),
    ("{name}：", "{n}年坚守只为一件事"),
    ("{p}新增{k}个{j}点位", "市民家门口就能办"),
    ("{mo}月起", "{b}推出便民新举措", "{j}再提速"),
)  # fmt: skip
SHORT = ("{j}{a}", "{t}进社区", "{g}{k}户", "群众点赞", "{mo}月起施行", "{b}出新招", "{name}的坚守", "家门口办成事")
"""Headline parts short enough for a one-column module (about four to eight characters)."""
KICKERS = ("聚焦民生实事", "“{t}”系列报道之{n}", "新春走基层", "{p}", "我们的节日", "优化营商环境在行动")
INSIDE = ("数字说话", "群众满意是标准", "下一步：{t}再加力", "{j}：从“有没有”到“好不好”", "细节见真章", "记者手记")
"""In-article subheads (小标题), set in bold body type between paragraphs."""
SUBHEADS = ("{b}：{t}工作取得阶段性成效", "预计{g}{k}户", "{j}已完成{q}%", "居民盼望的事有了着落")


class TextBank:
    """Seeded source of invented texts; every draw advances ``rng``."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.count = 0

    def pick(self, items: tuple[str, ...] | str) -> str:
        """One item of ``items``."""
        return str(items[int(self.rng.integers(len(items)))])

    def name(self) -> str:
        """A Chinese personal name of two or three characters."""
        given = self.pick(GIVEN) + (self.pick(GIVEN) if self.rng.random() < 0.6 else "")
        return self.pick(SURNAMES) + given

    def fill(self, template: str) -> str:
        """``template`` with its slots filled."""
        r = self.rng
        return template.format(
            p=self.pick(PLACES), b=self.pick(BODIES), j=self.pick(PROJECTS), a=self.pick(ACTS),
            g=self.pick(GOODS), t=self.pick(TOPICS), name=self.name(), n=int(r.integers(2, 40)),
            m=int(r.integers(3, 300)), k=int(r.integers(120, 9800)), q=int(r.integers(12, 98)),
            mo=int(r.integers(1, 13)),
        )  # fmt: skip

    def paragraph(self, sentences: int) -> str:
        """A paragraph of ``sentences`` body sentences."""
        return "".join(self.fill(self.pick(SENTENCES)) for _ in range(sentences))

    def headline(self, parts: int, short: bool = False) -> str:
        """A headline of one to four parts, joined by spaces (a line break may fall at each).

        ``short`` draws short parts, one a line, for a one-column module.
        """
        if short:
            return " ".join(self.fill(self.pick(SHORT)) for _ in range(parts))
        base = [self.fill(t) for t in HEADS[int(self.rng.integers(len(HEADS)))]]
        while len(base) < parts:
            base.append(self.fill(self.pick(("{j}再提速", "{g}{k}户", "群众点赞", "{p}率先试点"))))
        while len(base) > parts:
            base[0:2] = [base[0] + base[1]]
        return " ".join(base)

    def byline(self) -> tuple[str, tuple[str, ...]]:
        """A byline and the names it credits."""
        names = tuple(self.name() for _ in range(int(self.rng.integers(1, 3))))
        shape = int(self.rng.integers(4))
        if shape == 0:
            return "记者 " + " ".join(names), names
        if shape == 1 and len(names) == 2:
            return f"本报记者 {names[0]} 通讯员 {names[1]}", names
        if shape == 2:
            return "□记者 " + " ".join(names), names
        return "本报记者 " + " ".join(names), names

    def article(
        self, paragraphs: int, head_parts: int, kicker: bool, sub: bool, byline_at: str | None, short: bool = False
    ) -> ArticleText:
        """A news article; ``byline_at`` is "start", "end", "dateline" (names in the dateline) or None.

        ``short``: a headline of short parts (for a one-column module).
        """
        self.count += 1
        byline, authors = self.byline() if byline_at else (None, ())
        dateline = self.pick(DATELINES) if self.rng.random() < 0.7 else None
        if byline_at == "dateline":
            dateline = f"本报讯（{byline}）"
            byline = None
        paras = tuple(self.paragraph(int(self.rng.integers(2, 5))) for _ in range(paragraphs))
        inside = ()
        if self.rng.random() < 0.25:
            inside = tuple(SubheadText(self.fill(self.pick(INSIDE)), i) for i in range(2, paragraphs, 3))
        return ArticleText(
            id=f"w{self.count:03d}",
            headline=self.headline(head_parts, short),
            paragraphs=paras,
            kicker=self.fill(self.pick(KICKERS)) if kicker else None,
            subheadline=self.fill(self.pick(SUBHEADS)) if sub else None,
            dateline=dateline,
            byline=byline,
            byline_at=byline_at if byline_at in ("start", "end") else None,  # type: ignore[arg-type]
            authors=authors,
            subheads=inside,
            captions=(self.caption(credit=self.rng.random() < 0.6),),
        )

    def caption(self, credit: bool) -> str:
        """A photo caption, ending with its credit (``记者 X 摄``) when ``credit``."""
        text = self.fill(self.pick(PLACES)) + self.pick(SCENES) + "。"
        if self.rng.random() < 0.5:
            text = self.fill("{mo}月{n}日，") + text
        return text + (f" {self.pick(('记者', '本报记者', '通讯员'))} {self.name()} 摄" if credit else "")

    def num(self, lo: int, hi: int) -> str:
        """A whole number from ``lo`` up to (not including) ``hi``, as text."""
        return str(int(self.rng.integers(lo, hi)))

    def phone(self) -> str:
        """A local phone number."""
        return f"0513-{int(self.rng.integers(5000, 9000))}{int(self.rng.integers(1000, 9999))}"

    def notice(self) -> tuple[str, str]:
        """A classified notice: (title, small-print text)."""
        kind = int(self.rng.integers(6))
        who, co = self.name(), self.pick(PLACES)[:2] + self.pick(("华信", "通达", "恒瑞", "江海", "金桥", "新源"))
        co += self.pick(("建材有限公司", "贸易有限公司", "科技有限公司", "物流有限公司", "餐饮管理有限公司"))
        digits = "".join(str(int(d)) for d in self.rng.integers(0, 10, 12))
        if kind == 0:
            doc = self.pick(("身份证", "营业执照副本", "道路运输证", "不动产权证书", "出生医学证明"))
            return "遗失声明", f"{who}遗失{doc}，证号{digits}，声明作废。"
        if kind == 1:
            job = self.pick(("仓库管理员", "驾驶员", "会计", "厨师", "销售代表", "保安"))
            return "招聘", f"{co}招聘{job}{int(self.rng.integers(2, 9))}名，待遇面议。电话：{self.phone()}"
        if kind == 2:
            a = int(self.rng.integers(500, 5000))
            text = f"{co}经股东会决议，注册资本由{a}万元减至{a // 2}万元，请债权人自本公告之日起四十五日内申报债权。"
            return "减资公告", text
        if kind == 3:
            return "注销公告", f"{co}经股东会决议拟注销，请债权人自公告之日起四十五日内向清算组申报债权。"
        if kind == 4:
            rooms = int(self.rng.integers(1, 4))
            rent = f"月租{self.num(12, 40)}00元。电话：{self.phone()}"
            return (
                "房屋出租",
                f"{self.pick(PLACES)}{rooms}室1厅，精装修，拎包入住，{rent}",
            )
        return (
            "寻物启事",
            f"本人于{self.num(1, 13)}月{self.num(1, 29)}日在{self.pick(PLACES)}"
            f"遗失黑色背包一个，拾到者请联系{who}，必有酬谢。",
        )

    def display_ad(self) -> AdText:
        """A display ad: name in large type, an offer, a price, a hotline and an address."""
        self.count += 1
        kind = int(self.rng.integers(4))
        place = self.pick(PLACES)
        tel = ("big", f"{self.pick(('咨询热线', '订票热线', '服务热线', '电话'))} {self.phone()}")
        addr = (
            "small",
            f"地址：{place}{self.pick(('人民路', '工农路', '青年路', '长江路'))}{int(self.rng.integers(1, 300))}号",
        )
        if kind == 0:
            lines = [("title", self.pick(("滨江·御景湾", "紫琅·天樾", "江海·云庭"))), ("big", "临江而居 静享繁华"),
                     ("mid", f"均价{int(self.rng.integers(9, 30))}800元/㎡起"), tel, addr]  # fmt: skip
        elif kind == 1:
            lines = [("mid", f"{self.num(1, 13)}月{self.num(1, 29)}日 19:30"),
                     ("title", self.pick(("新年交响音乐会", "经典老歌演唱会", "民族管弦乐专场"))),
                     ("mid", f"票价 {self.num(1, 9)}80元起"), tel, ("small", f"演出地点：{place}大剧院")]  # fmt: skip
        elif kind == 2:
            lines = [("big", f"{place}店盛大开业"), ("title", f"全场{int(self.rng.integers(5, 9))}折"),
                     ("mid", f"满{int(self.rng.integers(2, 6))}00元减50元"), tel, addr]  # fmt: skip
        else:
            lines = [("title", self.pick(("寒假精品班", "驾校冬训营"))), ("mid", "小班授课 名师辅导"),
                     ("big", f"报名即减{int(self.rng.integers(2, 9))}00元"), tel, addr]  # fmt: skip
        return AdText(f"ad{self.count:03d}", tuple(lines))  # type: ignore[arg-type]
